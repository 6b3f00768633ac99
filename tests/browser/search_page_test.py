#!/usr/bin/env python3
"""The search page in a real browser: headless Chromium, driven over
WebDriver (chromedriver) with nothing but the Python standard library.

Indexes the sample archive (plus an article whose text is HTML, to prove it
is shown as text), starts newsdex-serve on 127.0.0.1 with a free port, and
then: types a query and sees highlighted results, clicks a source in the
sidebar and sees the narrowed total, pages forward, follows "did you mean",
checks the phone-sized layout, and keeps screenshots. Everything it starts
is stopped in the end, also on failure; every wait is bounded.

Exit codes: 0 passed, 1 failed, 77 skipped (no chromium or chromedriver).
"""
import argparse
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

WAIT = 20  # seconds any one thing may take


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriver:
    """The few WebDriver commands the test needs (W3C protocol over HTTP)."""

    def __init__(self, port, chrome_args):
        self.base = f"http://127.0.0.1:{port}"
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"args": chrome_args, "binary": shutil.which("chromium")},
        }}}
        self.session = self._call("POST", "/session", caps)["sessionId"]

    def _call(self, method, path, body=None):
        data = json.dumps(body if body is not None else {}).encode() if method == "POST" else None
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=WAIT * 2) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as e:
            raise AssertionError(f"WebDriver {method} {path}: {e.read()[:500]!r}") from None

    def cmd(self, method, path, body=None):
        return self._call(method, f"/session/{self.session}{path}", body)

    def get(self, url):
        self.cmd("POST", "/url", {"url": url})

    def js(self, script, *args):
        return self.cmd("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css):
        found = self.cmd("POST", "/element", {"using": "css selector", "value": css})
        return next(iter(found.values()))

    def click(self, css):
        self.cmd("POST", f"/element/{self.find(css)}/click")

    def type(self, css, text):
        self.cmd("POST", f"/element/{self.find(css)}/value", {"text": text})

    def keys(self, *keys):
        """Presses and releases each key in turn, wherever the focus is."""
        actions = []
        for key in keys:
            actions += [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]
        self.cmd("POST", "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.cmd("GET", "/screenshot")))

    def window(self, width, height):
        self.cmd("POST", "/window/rect", {"width": width, "height": height})

    def quit(self):
        try:
            self.cmd("DELETE", "")
        except Exception:
            pass

    def wait(self, what, condition_js, *args):
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            value = self.js(condition_js, *args)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}")


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok -", message)


# The page has drawn the answer to the address it shows.
READY = """
const s = document.getElementById('summary');
return document.body.dataset.ready === 'true' && !document.body.hasAttribute('aria-busy')
    && s.dataset.total !== undefined ? [Number(s.dataset.total)] : null;"""


def wait_ready(driver, what):
    driver.wait(what, "return !document.body.hasAttribute('aria-busy')")
    return driver.wait(what, READY)[0]  # in a list: a total of 0 is an answer too


def hits(driver):
    return driver.js("""return [...document.querySelectorAll('#hits .hit')].map(h => ({
        id: h.dataset.id, title: h.querySelector('h3').textContent,
        meta: h.querySelector('.meta').textContent,
        marks: h.querySelectorAll('mark').length}));""")


def run_page_checks(driver, base, artifacts):
    # 1. Type a query, press Enter: highlighted results.
    driver.get(base + "/")
    driver.wait("the search box", "return document.getElementById('q') !== null")
    driver.type("#q", "export\ue007")
    driver.wait("the address to follow the query", "return location.search === '?q=export'")
    total = wait_ready(driver, "results for export")
    results = hits(driver)
    check(total >= 3 and len(results) >= 3, f"typed query 'export': {total} results shown")
    check(all(h["marks"] > 0 for h in results), "every hit has highlighted words")
    driver.screenshot(os.path.join(artifacts, "serve-results.png"))

    # 2. Click the first source in the sidebar: the total narrows to it.
    source = driver.js("return document.querySelector('#facet-source button .value').textContent")
    count = int(driver.js(
        "return document.querySelector('#facet-source button .count').textContent.replace(/\\D/g, '')"))
    driver.click("#facet-source button")
    driver.wait("the source filter in the address",
                "return new URLSearchParams(location.search).get('source') === arguments[0]", source)
    narrowed = driver.wait("the narrowed total",
                           "const t = Number(document.getElementById('summary').dataset.total);"
                           "return t !== arguments[0] ? t : null;", total)
    wait_ready(driver, "narrowed results")
    check(0 < narrowed < total, f"clicking source '{source}' narrows {total} to {narrowed}")
    check(narrowed <= count, f"the narrowed total {narrowed} is within the facet's count {count}")
    check(all(h["meta"].startswith(source) for h in hits(driver)), f"every hit is from {source}")
    pressed = driver.js(
        "return document.querySelector('#facet-source button').getAttribute('aria-pressed')")
    check(pressed == "true", "the chosen source shows as pressed")
    # The address is the state: opening it afresh gives the same answer.
    shared = driver.js("return location.href")
    driver.get(shared)
    check(wait_ready(driver, "the shared address") == narrowed, f"the shareable URL {shared} reproduces it")

    # 3. Page forward through everything in the archive (empty query).
    driver.get(base + "/")
    all_total = wait_ready(driver, "the newest articles")
    first_page = [h["id"] for h in hits(driver)]
    check(all_total > 10 and len(first_page) == 10, f"the empty query lists {all_total} stories")
    driver.click("#next")
    driver.wait("page 2", "return new URLSearchParams(location.search).get('offset') === '10'")
    driver.wait("page 2's hits",
                "const h = document.querySelector('#hits .hit');"
                "return h && h.dataset.id !== arguments[0];", first_page[0])
    wait_ready(driver, "page 2")
    second_page = [h["id"] for h in hits(driver)]
    check(second_page and not set(second_page) & set(first_page), "Next shows the next ten")
    check("Page 2" in driver.js("return document.getElementById('page').textContent"),
          "the page number reads Page 2")
    driver.js("history.back()")
    driver.wait("back to page 1",
                "const h = document.querySelector('#hits .hit');"
                "return h && h.dataset.id === arguments[0];", first_page[0])
    check(True, "the browser's Back button returns to page 1")

    # 4. "Did you mean" for a misspelt word, followed by a click.
    driver.get(base + "/?q=vacine")
    wait_ready(driver, "the misspelt query")
    suggestion = driver.js("const s = document.getElementById('suggestion');"
                           "return s.hidden ? null : s.querySelector('a').textContent")
    check(suggestion == "vaccine", f"did you mean: {suggestion!r}")
    driver.click("#suggestion a")
    driver.wait("the corrected query", "return location.search === '?q=vaccine'")
    check(wait_ready(driver, "the corrected query") > 0, "following the suggestion finds results")

    # 5. Article text that is HTML is shown as text, never run.
    driver.get(base + "/?q=zorblatt")
    wait_ready(driver, "the HTML article")
    title = hits(driver)[0]["title"]
    check("<img" in title and driver.js("return document.querySelectorAll('#hits img, #hits script').length") == 0,
          "markup in an article's title and body is shown as text, not run")
    check(driver.js("return window.__pwned === undefined"), "no script from article text ran")

    # 6. Sort and date controls, via the address the form writes.
    driver.get(base + "/")
    wait_ready(driver, "the start page")
    driver.js("document.getElementById('options').open = true")
    driver.type("#q", "export")
    driver.type("#since", "2023-10")
    driver.type("#until", "2023-10\ue007")
    driver.wait("the date range", "return location.search.includes('since=2023-10')")
    dated = wait_ready(driver, "export in October 2023")
    check(0 < dated < total, f"export from 2023-10 to 2023-10: {dated} of {total}")

    # 7. The keyboard alone: "/" jumps to the search box; Enter on a focused
    # source narrows the results as a click does.
    driver.get(base + "/?q=export")
    wait_ready(driver, "export, for the keyboard")
    driver.js("document.activeElement.blur()")
    driver.keys("/")
    check(driver.js("return document.activeElement.id") == "q", "'/' focuses the search box")
    driver.js("document.querySelector('#facet-source button').focus()")
    driver.keys("\ue007")
    driver.wait("the source chosen by keyboard",
                "return new URLSearchParams(location.search).has('source')")
    check(wait_ready(driver, "results narrowed by keyboard") < total,
          "Enter on a focused source narrows the results")

    # 8. A phone-sized screen: one column, nothing wider than the screen.
    driver.window(390, 844)
    driver.get(base + "/?q=export")
    wait_ready(driver, "the phone layout")
    overflow = driver.js("return document.documentElement.scrollWidth - window.innerWidth")
    check(overflow <= 0, f"no sideways scrolling on a 390 px wide screen (overflow {overflow} px)")
    driver.screenshot(os.path.join(artifacts, "serve-results-phone.png"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--serve", required=True)
    parser.add_argument("--index", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()

    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not chromedriver:
        print("skipped: needs Debian's chromium and chromium-driver (scripts/install-deps.sh)")
        return 77
    os.makedirs(args.artifacts, exist_ok=True)
    work = tempfile.mkdtemp(prefix="newsdex-browser-")
    started = []
    driver = None
    try:
        db = os.path.join(work, "db")
        html = os.path.join(work, "html.jsonl")
        with open(html, "w") as f:
            f.write(json.dumps({
                "id": "xss-1", "source": "Test Wire", "published": "2024-02-02",
                "title": "Zorblatt <img src=x onerror=\"window.__pwned=1\"> & <b>bold</b>",
                "body": "Zorblatt <script>window.__pwned=1</script> text for the snippet."}) + "\n")
        subprocess.run([args.index, "--quiet", "--db", db, args.corpus, html], check=True,
                       timeout=120)
        stderr_path = os.path.join(work, "serve.log")
        serve = subprocess.Popen([args.serve, "--db", db, "--listen", "127.0.0.1:0",
                                  "--threads", "2"], stderr=open(stderr_path, "w"))
        started.append(serve)
        port = None
        deadline = time.monotonic() + WAIT
        while port is None and time.monotonic() < deadline and serve.poll() is None:
            found = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", open(stderr_path).read())
            port = int(found.group(1)) if found else time.sleep(0.05)
        if port is None:
            raise AssertionError("newsdex-serve did not start: " + open(stderr_path).read())

        driver_port = free_port()
        chromedriver_process = subprocess.Popen(
            [chromedriver, f"--port={driver_port}", "--allowed-ips=127.0.0.1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(chromedriver_process)
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{driver_port}/status", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        driver = WebDriver(driver_port, [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-extensions", "--window-size=1280,1000",
            "--user-data-dir=" + os.path.join(work, "profile")])
        run_page_checks(driver, f"http://127.0.0.1:{port}", args.artifacts)
        print("screenshots:", os.path.join(args.artifacts, "serve-results.png"),
              os.path.join(args.artifacts, "serve-results-phone.png"))
        return 0
    except AssertionError as e:
        print("FAILED:", e)
        if driver:
            try:
                print("page:", driver.js("return location.href + ' | ' + "
                                         "document.getElementById('summary').textContent"))
                driver.screenshot(os.path.join(args.artifacts, "serve-failure.png"))
            except Exception:
                pass
        return 1
    finally:
        if driver:
            driver.quit()
        for process in reversed(started):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
