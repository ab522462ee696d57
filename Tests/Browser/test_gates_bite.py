"""The gates are known to bite: a deliberately broken site makes each check fail with a message
that names the page and the element."""
import checks


def test_axe_finds_an_image_without_alt_text(broken_site, driver):
    driver.get(f"{broken_site.origin}/missing-alt.html")
    problems, _ = checks.axe_problems(driver, "missing-alt.html")
    assert any(p.startswith("missing-alt.html: img") and "image-alt" in p for p in problems), problems


def test_links_check_finds_a_dead_anchor_and_a_missing_page(broken_site, driver):
    driver.get(f"{broken_site.origin}/dead-anchor.html")
    problems = checks.links_and_anchors(driver, "dead-anchor.html", broken_site.origin, {})
    assert any("dead-anchor.html: <a>" in p and 'no element with id "nowhere"' in p for p in problems), problems
    assert any("dead-anchor.html: <a>" in p and "missing.html" in p for p in problems), problems


def test_nu_validator_finds_invalid_nesting(broken_site):
    errors, _ = checks.nu_validator(broken_site.folder)
    assert any("invalid-nesting.html" in e and "p" in e for e in errors), errors


def test_request_to_another_origin_is_caught(broken_site, driver):
    driver.get_log("performance")
    driver.get(f"{broken_site.origin}/third-party.html")
    problems = checks.third_party_requests(driver, "third-party.html", broken_site.origin)
    assert any(p.startswith("third-party.html: request to another origin: https://cdn.example.com/tracker.js") for p in problems), problems


def test_chart_text_contrast_finds_dark_ink_on_the_dark_background(broken_site, driver):
    driver.get(f"{broken_site.origin}/dark-chart-text.html")
    problems = checks.svg_text_contrast(driver, "dark-chart-text.html")
    assert any(p.startswith('dark-chart-text.html: network "H001 · 66": 1.03:1') for p in problems), problems


def test_chart_line_contrast_finds_a_zero_line_lost_in_the_dark(broken_site, driver):
    driver.get(f"{broken_site.origin}/dark-chart-text.html")
    problems = checks.chart_line_contrast(driver, "dark-chart-text.html")
    assert any(p.startswith("dark-chart-text.html: network zero: 1.03:1") for p in problems), problems
