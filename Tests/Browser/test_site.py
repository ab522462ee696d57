"""Every page of the built report, in a real browser: accessibility, validity, links, scripts,
layout, third-party requests, dark mode, print and keyboard."""
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

import checks
from conftest import make_driver


@pytest.fixture(scope="module")
def all_pages(site):
    return [p for p in site.pages() if p != "404.html"]


def test_axe_has_no_serious_violations(site, driver, all_pages):
    problems, moderate = [], 0
    for page in all_pages:
        driver.get(f"{site.origin}/{page}")
        found, m = checks.axe_problems(driver, page)
        problems += found
        moderate += m
    print(f"axe: {len(all_pages)} pages, {moderate} moderate findings")
    assert not problems, "\n".join(problems)


def test_axe_on_a_phone_has_no_serious_violations(site, all_pages):
    """At 375 px tables and charts overflow and scroll: each scrolling region must be reachable
    by keyboard and labelled (axe's scrollable-region-focusable), among every other rule."""
    d = make_driver(width=375, height=800)
    problems = []
    try:
        for page in all_pages:
            d.get(f"{site.origin}/{page}")
            found, _ = checks.axe_problems(d, page)
            problems += found
    finally:
        d.quit()
    assert not problems, "\n".join(problems[:30])


def test_html_is_valid(site):
    errors, warnings = checks.nu_validator(site.folder)
    print(f"Nu validator: {len(warnings)} warnings")
    assert not errors, "\n".join(errors[:30])


def test_links_and_anchors_resolve(site, driver, all_pages):
    cache, problems = {}, []
    for page in all_pages:
        driver.get(f"{site.origin}/{page}")
        problems += checks.links_and_anchors(driver, page, site.origin, cache)
    # Every figure's data and SVG downloads exist too (checked above as links); say how many.
    print(f"links: {len(cache)} distinct targets fetched")
    assert not problems, "\n".join(problems[:30])


def test_no_script_errors_and_no_third_party_requests(site, driver, all_pages):
    problems = []
    for page in all_pages:
        driver.get_log("browser")
        driver.get_log("performance")
        driver.get(f"{site.origin}/{page}")
        problems += checks.console_errors(driver, page)
        problems += checks.third_party_requests(driver, page, site.origin)
    assert not problems, "\n".join(problems[:30])


def test_pages_read_completely_without_javascript(site, driver, nojs_driver, all_pages):
    problems = []
    for page in all_pages:
        nojs_driver.get(f"{site.origin}/{page}")
        text = nojs_driver.execute_script("return document.querySelector('main').innerText.length")
        figures = nojs_driver.execute_script("return document.querySelectorAll('main figure svg').length")
        driver.get(f"{site.origin}/{page}")
        expected = driver.execute_script("return document.querySelectorAll('main figure svg').length")
        if text < 100:
            problems.append(f"{page}: main: only {text} characters without JavaScript")
        if figures != expected:
            problems.append(f"{page}: figure: {figures} of {expected} charts without JavaScript")
    assert not problems, "\n".join(problems)


def test_phone_layout_and_reading_measure(site, driver, all_pages):
    problems = []
    # A phone's viewport (headless windows have a minimum width, so emulate the device).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 800, "deviceScaleFactor": 2, "mobile": True})
    try:
        for page in all_pages:
            driver.get(f"{site.origin}/{page}")
            problems += checks.overflow_at_phone_width(driver, page)
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    for page in all_pages:
        driver.get(f"{site.origin}/{page}")
        measure = checks.measure_in_characters(driver, page)
        if measure is not None and not 55 <= measure <= 80:
            problems.append(f"{page}: main article p: the reading column is {measure:.0f} characters wide")
    assert not problems, "\n".join(problems[:30])


def test_dark_mode_contrast(site, driver, all_pages):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    problems = []
    try:
        for page in all_pages:
            driver.get(f"{site.origin}/{page}")
            found, _ = checks.axe_problems(driver, page, rules=["color-contrast"])
            problems += found
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
    assert not problems, "\n".join(problems[:30])


def test_chart_text_contrast_in_both_themes_and_widths(site, all_pages):
    """Every chart text (labels, values, legends, node names) against what it is drawn on, by
    computed style: at least 4.5:1 in the light and the dark theme, on a desktop and a phone; zero
    lines and whiskers at least 3:1 against the page."""
    problems = []
    for width in [1280, 375]:
        d = make_driver(width=width, height=900)
        try:
            for scheme in ["light", "dark"]:
                d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
                for page in all_pages:
                    d.get(f"{site.origin}/{page}")
                    problems += [f"{width}px {scheme}: {p}" for p in checks.svg_text_contrast(d, page)]
                    problems += [f"{width}px {scheme}: {p}" for p in checks.chart_line_contrast(d, page)]
        finally:
            d.quit()
    assert not problems, "\n".join(problems[:30])


def test_print_keeps_every_caption(site):
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "overview.pdf"
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", f"{site.origin}/data-sharing.html"], capture_output=True, timeout=120)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        count = int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")))
        print(f"print: data-sharing.html is {count} A4/Letter pages")
        assert 2 <= count <= 12, f"data-sharing.html prints on {count} pages"
        html = (site.folder / "data-sharing.html").read_text(encoding="utf-8")
        captions = re.findall(r'<span class="figure-number">(Figure \d+)\.</span>', html)
        flat = " ".join(text.split())
        missing = [c for c in captions if c not in flat]
        assert captions and not missing, f"data-sharing.html: figcaption: {missing} missing from the printed PDF"


def test_keyboard_reaches_every_control_with_a_visible_focus(site, driver):
    problems = []
    for page in ["index.html", "engagement.html", "zh/index.html"]:
        if (site.folder / page).exists():
            driver.get(f"{site.origin}/{page}")
            problems += checks.focus_problems(driver, page)
    assert not problems, "\n".join(problems)


def test_series_keep_their_colours_in_light_and_dark(site, driver):
    """Grouped bars: each series' bars have their own computed fill, in both themes (a stylesheet
    rule once painted every bar the theme's one colour while the legend showed three)."""
    script = """
        const fills = {};
        for (const bar of document.querySelectorAll('.chart-wide svg[data-kind="grouped-bar"] rect.bar')) {
            const series = [...bar.classList].find(c => /^c[0-9]$/.test(c));
            (fills[series] = fills[series] || new Set()).add(getComputedStyle(bar).fill);
        }
        return Object.fromEntries(Object.entries(fills).map(([k, v]) => [k, [...v]]));
    """
    problems = []
    for scheme in ["light", "dark"]:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
        try:
            driver.get(f"{site.origin}/collaboration.html")
            fills = driver.execute_script(script)
        finally:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
        if len(fills) < 2:
            problems.append(f"{scheme}: collaboration.html: found {len(fills)} series of grouped bars")
            continue
        for series, colours in fills.items():
            if len(colours) != 1:
                problems.append(f"{scheme}: series {series} has {colours}")
        distinct = {tuple(c) for c in fills.values()}
        if len(distinct) != len(fills):
            problems.append(f"{scheme}: series share a colour: {fills}")
    assert not problems, "\n".join(problems)


def test_theme_button_says_which_theme_is_on(site, driver):
    """The button names the theme in use, in the page's language, and switches it."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
    driver.get(f"{site.origin}/index.html")
    driver.execute_script("localStorage.clear()")
    driver.get(f"{site.origin}/index.html")
    button = driver.find_element("id", "theme-toggle")
    assert button.text == "Light theme"
    button.click()
    assert button.text == "Dark theme"
    assert driver.execute_script("return document.documentElement.getAttribute('data-theme')") == "dark"
    driver.get(f"{site.origin}/zh/index.html")
    assert driver.find_element("id", "theme-toggle").text == "深色主题"
    driver.find_element("id", "theme-toggle").click()
    assert driver.find_element("id", "theme-toggle").text == "浅色主题"
    driver.execute_script("localStorage.clear()")


def test_language_switch_keeps_the_readers_place(site, driver):
    """From a figure of an English page, 中文 opens the same figure of the Chinese page."""
    driver.get(f"{site.origin}/data-sharing.html#fig-share_willingness-by-group")
    driver.find_element("css selector", '.language-switch a[hreflang="zh"]').click()
    assert driver.current_url.endswith("/zh/data-sharing.html#fig-share_willingness-by-group"), driver.current_url
    # Without a place in the address, the switch opens the other page at its top.
    driver.get(f"{site.origin}/zh/data-sharing.html")
    driver.find_element("css selector", '.language-switch a[hreflang="en"]').click()
    assert driver.current_url.endswith("/data-sharing.html"), driver.current_url
