"""findings serve in a real browser: a saved edit reloads the open page; a broken one shows the
error over the last good page, in a dialog the page's CSP allows, and no console errors."""
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT, free_port, make_driver

FINDINGS = ROOT / ".build" / "debug" / "findings"


@pytest.fixture()
def serving(tmp_path):
    report = tmp_path / "report"
    made = subprocess.run([str(FINDINGS), "new", str(report)], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    port = free_port()
    server = subprocess.Popen([str(FINDINGS), "serve", "--port", str(port)], cwd=report,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = server.stdout.readline() + server.stdout.readline()
    assert "Serving" in line, line
    yield report, f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


def test_edit_reloads_and_error_overlays(serving, tmp_path):
    report, origin = serving
    driver = make_driver()
    try:
        driver.get(origin + "/index.html")
        # The page reloads under the checks: an element found just before a reload goes stale.
        wait = WebDriverWait(driver, 20, ignored_exceptions=[StaleElementReferenceException])
        wait.until(lambda d: "We heard from" in d.find_element(By.TAG_NAME, "main").text)
        page = report / "content" / "pages" / "index.md"
        good = page.read_text()

        page.write_text(good.replace("We heard from", "An edit saved while the page was open. We heard from"))
        wait.until(lambda d: "An edit saved while the page was open." in d.find_element(By.TAG_NAME, "main").text)

        page.write_text(good.replace("`=top_barrier.label`", "`=top_barier.label`"))
        overlay = wait.until(lambda d: d.find_elements(By.ID, "findings-build-error"))[0]
        text = overlay.text
        assert "content/pages/index.md:" in text and 'unknown finding "top_barier"' in text
        assert "`=top_barier.label`" in text  # the offending source line
        assert "We heard from" in driver.find_element(By.TAG_NAME, "main").text  # the last good page
        driver.save_screenshot(str(tmp_path / "overlay.png"))
        shutil.copy(tmp_path / "overlay.png", "/tmp/findings-overlay.png")

        page.write_text(good)
        wait.until(lambda d: not d.find_elements(By.ID, "findings-build-error"))
        wait.until(lambda d: "An edit saved" not in d.find_element(By.TAG_NAME, "main").text)
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert not errors, errors
    finally:
        driver.quit()
