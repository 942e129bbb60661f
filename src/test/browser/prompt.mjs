// Drives headless Chromium (Debian's /usr/bin/chromium) through the BASIC login prompt of a
// running secure-rest-api, for BrowserPromptIT, which checks what this prints.
// Usage: node prompt.mjs BASE_URL USER PASSWORD WRONG_PASSWORD SCREENSHOT_DIR [SPKI_SHA256_BASE64]
// With SPKI, Chromium trusts exactly that certificate (the build's development certificate) and
// no certificate error is ignored otherwise. Prints one JSON object: what each step saw.
import { chromium } from 'playwright-core';

const [base, user, password, wrongPassword, shots, spki] = process.argv.slice(2);
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
if (spki) {
  args.push('--ignore-certificate-errors-spki-list=' + spki);
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args });
const result = {};

// Opens url in a fresh context (no remembered credentials), answering a login prompt with
// `credentials` if given; records every response for url, and the page as the user sees it.
async function visit(step, url, credentials, action) {
  const context = await browser.newContext(credentials ? { httpCredentials: credentials } : {});
  const page = await context.newPage();
  const seen = [];
  page.on('response', r => {
    if (r.url() === url) {
      seen.push({ status: r.status(), challenge: r.headers()['www-authenticate'] || null,
        contentType: r.headers()['content-type'] || null, nosniff: r.headers()['x-content-type-options'] || null });
    }
  });
  let response;
  try {
    response = action ? await action(page) : await page.goto(url);
  } catch (e) {
    // headless Chromium has no one to type into the prompt: it gives up on the challenge
    // (net::ERR_INVALID_AUTH_CREDENTIALS) after the 401 the responses list shows
    await page.screenshot({ path: `${shots}/${step}.png` });
    result[step] = { error: String(e).split('\n')[0], responses: seen };
    await context.close();
    return;
  }
  await page.screenshot({ path: `${shots}/${step}.png` });
  result[step] = {
    status: response ? response.status() : null,
    challenge: response ? (await response.allHeaders())['www-authenticate'] || null : null,
    contentType: response ? response.headers()['content-type'] || null : null,
    text: await page.evaluate(() => document.body ? document.body.innerText : ''),
    responses: seen,
    url: page.url(),
  };
  await context.close();
}

const priv = new URL('api/v1/private', base).href;
await visit('1-no-credentials', priv);
await visit('2-right-answer', priv, { username: user, password });
await visit('3-wrong-answer', priv, { username: user, password: wrongPassword });
await visit('4-landing-page', new URL('', base).href);
await visit('5-landing-link', priv, { username: user, password }, async page => {
  await page.goto(base);
  const [response] = await Promise.all([page.waitForNavigation(), page.click('a[href="api/v1/private"]')]);
  return response;
});
await browser.close();
console.log(JSON.stringify(result));
