// hyde's live-reload client (src/serve/livereload.rs injects it into served
// HTML; it is never written to the destination). It listens to the server's
// Server-Sent Events on the page's own origin: `reload` reloads the page,
// `css` swaps stylesheets in place, `failed` shows the build error in an
// overlay and `ok` removes it.
(function () {
  if (window.__hydeLiveReload || !window.EventSource) return;
  window.__hydeLiveReload = true;
  var OVERLAY = "__hyde_error_overlay";
  function hide() {
    var old = document.getElementById(OVERLAY);
    if (old) old.parentNode.removeChild(old);
  }
  function show(message) {
    hide();
    var box = document.createElement("div");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(20,20,20,.92);color:#fdd;padding:2em;font:14px/1.5 monospace";
    var title = document.createElement("h2");
    title.textContent = "hyde: the build failed";
    title.style.cssText = "color:#f77;margin:0 0 1em;font:bold 18px sans-serif";
    var text = document.createElement("pre");
    text.textContent = message;
    text.style.cssText = "white-space:pre-wrap;margin:0";
    box.appendChild(title);
    box.appendChild(text);
    (document.body || document.documentElement).appendChild(box);
  }
  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      url.searchParams.set("hyde-reload", Date.now());
      links[i].href = url.href;
    }
  }
  var events = new EventSource("/__hyde/events");
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("css", function () { hide(); swapStylesheets(); });
  events.addEventListener("failed", function (e) { show(JSON.parse(e.data)); });
  events.addEventListener("ok", hide);
})();
