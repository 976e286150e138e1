import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { PlacedHit } from './highlighted';
import { Highlighted } from './highlighted';

interface Props {
  itemId: string;
  index: number;
  name: string | null;
  greyscale: boolean;
  ocrText?: string;
  ocrHits: PlacedHit[];
  activeHit: number | null;
}

/**
 * An image is shown only as the server's blurred preview until the moderator asks for it (wellbeing, CONTRACT §9);
 * revealing is audited by the server. Greyscale, when chosen, stays on after revealing.
 */
export function ImageCard({ itemId, index, name, greyscale, ocrText, ocrHits, activeHit }: Props) {
  const [revealed, setRevealed] = useState(false);
  useEffect(() => setRevealed(false), [itemId, index]);
  const base = `/api/items/${encodeURIComponent(itemId)}/images/${index}`;
  return (
    <figure class={`image-card${greyscale ? ' greyscale' : ''}`}>
      {revealed ? (
        <img src={base} alt={name ?? `#${index + 1}`} class="revealed" />
      ) : (
        <img src={`${base}?variant=blur`} alt={`${t('imageBlurred')} #${index + 1}`} class="blurred" data-blurred="true" />
      )}
      <figcaption>
        <span class="image-name">{name ?? `#${index + 1}`}</span>
        <button type="button" onClick={() => setRevealed(!revealed)} aria-pressed={revealed}>
          {revealed ? t('hide') : t('reveal')}
        </button>
      </figcaption>
      {ocrText ? (
        <p class="ocr">
          <span class="muted">OCR: </span>
          <Highlighted text={ocrText} hits={ocrHits} active={activeHit} />
        </p>
      ) : null}
    </figure>
  );
}
