import { escapeHtml } from '../mail/templates';

/** A small mobile-first page: these are opened from an email, mostly on a phone. No script. */
export function page(lang: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} — Mon espace locataire</title>
<style>
body{font-family:system-ui,Arial,sans-serif;margin:0;padding:1.25rem;max-width:36rem;margin-inline:auto;color:#1a1a1a;line-height:1.5;font-size:1.05rem}
h1{font-size:1.4rem}label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input{font-size:1.1rem;padding:.6rem;width:100%;box-sizing:border-box;border:1px solid #767676;border-radius:.4rem}
button,.button{display:inline-block;margin-top:1rem;font-size:1.1rem;padding:.75rem 1.25rem;background:#0b5cab;color:#fff;border:0;border-radius:.4rem;text-decoration:none;cursor:pointer}
.ok{border-left:.3rem solid #1b7f3b;padding-left:.75rem}.error{border-left:.3rem solid #b00020;padding-left:.75rem}
ul.rules{padding-left:1.2rem}pre.mail{white-space:pre-wrap;background:#f4f4f4;padding:1rem;border-radius:.4rem}
ul.mails li{margin:.5rem 0}
</style></head>
<body><main>${body}</main></body></html>`;
}

export { escapeHtml };
