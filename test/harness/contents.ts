import type { TestTenant } from './system';

/** Item `i` of a burst: every tenth an insult (blocked or flagged), the rest ordinary comments, seven authors. */
export const contentBody = (i: number) => ({
  externalId: `ext-${i}`,
  text: i % 10 === 0 ? '你这个傻逼' : `第${i}条普通评论，内容无害。`,
  author: { id: `a${i % 7}` },
});

/** Posts item `i` as a site would; a refused connection (a killed API) is status 0, not a throw. */
export async function postContent(url: string, tenant: TestTenant, i: number): Promise<{ status: number; id?: string }> {
  try {
    const res = await fetch(`${url}/v1/contents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(contentBody(i)),
    });
    const json = (await res.json()) as { id?: string };
    return { status: res.status, id: json.id };
  } catch {
    return { status: 0 };
  }
}
