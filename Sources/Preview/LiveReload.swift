import Foundation

/// The small script a served page gets so it reloads when the site is rebuilt and shows a build
/// error over the page. It is added to HTML as the server sends it, never to a built file.
public enum LiveReload {
    public static let scriptPath = "/_findings/live.js"
    public static let eventsPath = "/_findings/events"

    /// Adds the script before `</body>` (or at the end when there is none), with the version of
    /// the site the page came from, so a rebuild between loading and listening is not missed.
    public static func inject(into html: Data, version: Int) -> Data {
        let tag = Data("<script src=\"\(scriptPath)\" data-version=\"\(version)\" defer></script>\n".utf8)
        guard let range = html.range(of: Data("</body>".utf8), options: .backwards) else { return html + tag }
        var out = html
        out.replaceSubrange(range.lowerBound..<range.lowerBound, with: tag)
        return out
    }

    /// One server-sent event.
    static func event(_ name: String, _ json: String) -> Data {
        Data("event: \(name)\ndata: \(json)\n\n".utf8)
    }

    /// The script: an EventSource on the events path; `reload` reloads, `problem` shows the
    /// overlay, `ok` hides it. Styles are set through the DOM, which the pages' CSP allows.
    public static let script = #"""
    (function () {
      "use strict";
      var overlay = null;
      var me = document.currentScript;
      var version = me && me.dataset.version ? Number(me.dataset.version) : null;
      function hide() { if (overlay) { overlay.remove(); overlay = null; } }
      function show(problem) {
        hide();
        overlay = document.createElement("div");
        overlay.id = "findings-build-error";
        overlay.setAttribute("role", "alertdialog");
        overlay.setAttribute("aria-label", "Build error");
        var s = overlay.style;
        s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
        s.background = "rgba(20,20,20,0.97)"; s.color = "#fff"; s.padding = "2rem";
        s.font = "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
        var h = document.createElement("h2");
        h.textContent = "The build failed; this is the last good version of the page.";
        h.style.color = "#ff8a80"; h.style.font = "bold 18px/1.4 system-ui, sans-serif"; h.style.marginTop = "0";
        overlay.appendChild(h);
        problem.diagnostics.forEach(function (d) {
          var p = document.createElement("pre");
          p.className = "findings-diagnostic";
          p.style.whiteSpace = "pre-wrap"; p.style.margin = "0 0 1.25rem";
          p.textContent = d.message + (d.excerpt ? "\n" + d.excerpt : "");
          overlay.appendChild(p);
        });
        var close = document.createElement("button");
        close.textContent = "Hide";
        close.addEventListener("click", hide);
        overlay.appendChild(close);
        document.body.appendChild(overlay);
      }
      var source = new EventSource("/_findings/events");
      source.addEventListener("hello", function (e) {
        var v = JSON.parse(e.data).version;
        if (version !== null && v !== version) { location.reload(); }
        version = v;
      });
      source.addEventListener("reload", function () { location.reload(); });
      source.addEventListener("problem", function (e) { show(JSON.parse(e.data)); });
      source.addEventListener("ok", hide);
    })();
    """#
}
