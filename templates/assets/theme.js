// Light or dark: follows the system until the reader chooses, then remembers the choice.
// Progressive enhancement: without this script the page follows prefers-color-scheme.
(function () {
  var key = "findings-theme", root = document.documentElement;
  try { var saved = localStorage.getItem(key); if (saved) root.setAttribute("data-theme", saved); } catch (e) {}
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    var current = function () {
      return root.getAttribute("data-theme") || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
    };
    // The button names the theme that is on ("Dark theme"); pressing it switches to the other.
    var show = function () { button.textContent = button.getAttribute("data-" + current()); };
    button.hidden = false;
    show();
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      show();
      try { localStorage.setItem(key, next); } catch (e) {}
    });
    // Following the system: say so again when the system's theme changes.
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", show);
  });
})();
