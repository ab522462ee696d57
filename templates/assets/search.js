// Search without a server: the build's search-index.json, queried in the page. CJK text is
// matched by character bigrams, other text by words, exactly as the build indexed it.
(function () {
  function tokens(text) {
    var out = [], word = "", cjk = [];
    function flushWord() { if (word.length >= 2) out.push(word); word = ""; }
    function flushCJK() {
      if (cjk.length === 1) out.push(cjk[0]);
      for (var i = 0; i + 1 < cjk.length; i++) out.push(cjk[i] + cjk[i + 1]);
      cjk = [];
    }
    for (var ch of text.toLowerCase()) {
      var c = ch.codePointAt(0);
      if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) { flushWord(); cjk.push(ch); }
      else if (/[\p{L}\p{N}]/u.test(ch)) { flushCJK(); word += ch; }
      else { flushWord(); flushCJK(); }
    }
    flushWord(); flushCJK();
    return out;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("search"), input = document.getElementById("search-input"),
        list = document.getElementById("search-results");
    if (!form || !input || !list || !window.fetch) return;
    form.hidden = false;
    var index = null;
    function load() {
      if (index) return Promise.resolve(index);
      return fetch("search-index.json").then(function (r) { return r.json(); }).then(function (j) { index = j; return j; });
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    input.addEventListener("input", function () {
      var q = tokens(input.value);
      if (!q.length) { list.innerHTML = ""; return; }
      load().then(function (idx) {
        var scores = {};
        q.forEach(function (t) { (idx.index[t] || []).forEach(function (d) { scores[d] = (scores[d] || 0) + 1; }); });
        var hits = Object.keys(scores).filter(function (d) { return scores[d] === q.length; })
          .sort(function (a, b) { return scores[b] - scores[a] || a - b; }).slice(0, 12);
        list.innerHTML = "";
        hits.forEach(function (d) {
          var doc = idx.docs[d], li = document.createElement("li"), a = document.createElement("a");
          a.href = doc.u; a.textContent = doc.t; a.lang = doc.l;
          var p = document.createElement("span"); p.textContent = " " + doc.x;
          li.appendChild(a); li.appendChild(p); list.appendChild(li);
        });
      }).catch(function () { list.innerHTML = ""; });
    });
  });
})();
