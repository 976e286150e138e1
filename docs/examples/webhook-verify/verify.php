<?php
// Verifies shenhe webhooks (docs/api.md, "Webhooks") with PHP's standard library only.
// Run: SHENHE_WEBHOOK_SECRET=whsec_… php -S 127.0.0.1:3000 verify.php

/**
 * True when $signatureHeader ("t=<unix seconds>,v1=<hex>") is a valid HMAC-SHA256 of "<t>.<raw body>" under
 * $secret, made at most $toleranceSeconds ago (or ahead). $rawBody must be the exact bytes received.
 */
function shenhe_verify_webhook(string $rawBody, string $signatureHeader, string $secret, int $toleranceSeconds = 300, ?int $now = null): bool
{
    $t = null;
    $signatures = [];
    foreach (explode(',', $signatureHeader) as $part) {
        $kv = explode('=', trim($part), 2);
        if (count($kv) !== 2) continue;
        if ($kv[0] === 't' && ctype_digit($kv[1])) $t = (int) $kv[1];
        if ($kv[0] === 'v1' && preg_match('/^[0-9a-f]{64}$/', $kv[1])) $signatures[] = $kv[1];
    }
    if ($t === null || !$signatures) return false;
    if (abs(($now ?? time()) - $t) > $toleranceSeconds) return false;
    $expected = hash_hmac('sha256', $t . '.' . $rawBody, $secret);
    foreach ($signatures as $s) {
        if (hash_equals($expected, $s)) return true;
    }
    return false;
}

if (PHP_SAPI === 'cli-server') {
    $raw = file_get_contents('php://input');
    $secret = getenv('SHENHE_WEBHOOK_SECRET') ?: '';
    if ($_SERVER['REQUEST_METHOD'] !== 'POST' || $secret === '' || !shenhe_verify_webhook($raw, $_SERVER['HTTP_X_SHENHE_SIGNATURE'] ?? '', $secret)) {
        error_log('refused: bad or missing signature');
        http_response_code(401);
        return;
    }
    $event = json_decode($raw, true);
    // Publish or hide the content here ($event['externalId'], $event['status']); skip a delivery id you have
    // handled before (X-Shenhe-Delivery repeats on retries), then answer 2xx.
    file_put_contents('php://stdout', json_encode([
        'delivery' => $_SERVER['HTTP_X_SHENHE_DELIVERY'] ?? '',
        'type' => $event['type'],
        'id' => $event['id'],
        'externalId' => $event['externalId'],
        'status' => $event['status'],
    ], JSON_UNESCAPED_UNICODE) . "\n");
    http_response_code(204);
}
