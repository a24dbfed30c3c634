/**
 * Lays out a composed e-mail as plain text and as HTML with nunjucks; the HTML environment autoescapes, so
 * titles, names and comments typed by users can never inject markup.
 */
import nunjucks from 'nunjucks';
import type { EmailMessage } from '../emailIntents';
import { composeEmail, type ComposeContext, type ComposedEmail } from './compose';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const textEnv = new nunjucks.Environment(null, { autoescape: false, trimBlocks: true, lstripBlocks: true });
const htmlEnv = new nunjucks.Environment(null, { autoescape: true, trimBlocks: true, lstripBlocks: true });

const TEXT = `{% for p in paragraphs %}
{{ p }}

{% endfor %}
{% for f in facts %}
{{ f[0] }}: {{ f[1] }}
{% endfor %}
{% if action %}

{{ action.label }}: {{ action.url }}
{% endif %}
{% for c in closing %}

{{ c }}
{% endfor %}

--
Ratify, for the council's democratic services
`;

const HTML = `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{{ subject }}</title></head>
<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.4; color: #0b0c0c;">
{% for p in paragraphs %}
<p>{{ p }}</p>
{% endfor %}
<table style="border-collapse: collapse; margin: 16px 0;">
{% for f in facts %}
<tr><th scope="row" style="text-align: left; padding: 4px 16px 4px 0; vertical-align: top;">{{ f[0] }}</th><td style="padding: 4px 0;">{{ f[1] }}</td></tr>
{% endfor %}
</table>
{% if action %}
<p><a href="{{ action.url }}" style="display: inline-block; background: #00703c; color: #ffffff; padding: 8px 12px; text-decoration: none;">{{ action.label }}</a></p>
{% endif %}
{% for c in closing %}
<p style="color: #505a5f;">{{ c }}</p>
{% endfor %}
<p style="color: #505a5f; font-size: 14px;">Ratify, for the council's democratic services</p>
</body>
</html>
`;

export function renderEmail(message: EmailMessage, ctx: ComposeContext = {}): RenderedEmail {
  return renderComposedEmail(composeEmail(message, ctx));
}

/** Any composed e-mail (a run's, or one that is about no run: a sign-in link) in the same layout. */
export function renderComposedEmail(composed: ComposedEmail): RenderedEmail {
  return {
    subject: composed.subject,
    text: textEnv.renderString(TEXT, composed).replace(/\n{3,}/g, '\n\n').trim() + '\n',
    html: htmlEnv.renderString(HTML, composed),
  };
}
