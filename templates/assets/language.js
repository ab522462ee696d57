// The language switch keeps the reader's place: following it from a figure (#fig-…) or a
// section opens the same place in the other language's version of the page, when there is one.
// Progressive enhancement: without this script the switch opens the page at its top.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest(".language-switch a[data-same-page]");
  if (!link || !location.hash) return;
  link.href = link.href.split("#")[0] + location.hash;
});
