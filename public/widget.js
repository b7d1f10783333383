/*! Hearth chat widget: <script src="https://hearth.example/widget.js" data-hearth-key="pk_..." async></script>
 * Options: data-theme="light|dark|auto", data-position="bottom-right|bottom-left", data-accent="#rrggbb",
 * data-label="Chat with us". No dependencies; its styles live in a shadow root, so it neither restyles nor
 * scrolls the page. The chat itself is an iframe of Hearth's /embed/chat. */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector("script[data-hearth-key]");
  if (!script || script.getAttribute("data-hearth-ready")) return;
  script.setAttribute("data-hearth-ready", "");
  var key = script.getAttribute("data-hearth-key") || "";
  var theme = script.getAttribute("data-theme");
  var left = script.getAttribute("data-position") === "bottom-left";
  var accent = script.getAttribute("data-accent") || "";
  if (!/^#[0-9a-fA-F]{6}$/.test(accent)) accent = "#e8590c";
  var label = script.getAttribute("data-label") || "Chat with us";
  var origin = new URL(script.src, location.href).origin;
  var side = left ? "left" : "right";

  var host = document.createElement("div");
  host.setAttribute("data-hearth-widget", "");
  // Fixed and empty: the host's layout never moves for it, whatever the page's own styles.
  host.style.cssText =
    "all:initial;position:fixed;width:0;height:0;bottom:0;" + side + ":0;z-index:2147483000";
  var root = host.attachShadow({ mode: "open" });
  var lum = (function (h) {
    var c = [1, 3, 5].map(function (i) {
      var v = parseInt(h.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  })(accent);
  var ink = lum > 0.179 ? "#000" : "#fff";
  var css =
    ":host{all:initial}" +
    "*{box-sizing:border-box}" +
    "button{font:inherit;cursor:pointer;-webkit-tap-highlight-color:transparent}" +
    ".launcher{position:fixed;bottom:20px;" +
    side +
    ":20px;width:56px;height:56px;border-radius:50%;border:0;padding:0;" +
    "display:flex;align-items:center;justify-content:center;background:" +
    accent +
    ";color:" +
    ink +
    ";" +
    "box-shadow:0 4px 14px rgba(0,0,0,.25);transition:transform .15s}" +
    ".launcher:hover{transform:scale(1.05)}" +
    "button:focus-visible{outline:3px solid " +
    accent +
    ";outline-offset:3px}" +
    ".panel{position:fixed;bottom:88px;" +
    side +
    ":20px;width:380px;height:600px;max-height:calc(100vh - 108px);" +
    "max-width:calc(100vw - 40px);border-radius:16px;overflow:hidden;background:#fff;" +
    "box-shadow:0 12px 40px rgba(0,0,0,.3);display:none;overscroll-behavior:contain}" +
    ".panel.open{display:block}" +
    "iframe{display:block;width:100%;height:100%;border:0;color-scheme:normal}" +
    ".close{position:absolute;top:6px;right:6px;width:36px;height:36px;border-radius:50%;border:0;padding:0;" +
    "display:none;align-items:center;justify-content:center;background:rgba(128,128,128,.25);color:inherit}" +
    "@media (max-width:480px){.panel{inset:0;width:100%;height:100%;max-height:none;max-width:none;border-radius:0}" +
    ".close{display:flex}.launcher.open{display:none}}";
  var bubble =
    '<svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
    'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';
  var cross =
    '<svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.5" ' +
    'stroke-linecap="round" aria-hidden="true"><path d="M18 6 6 18M6 6l12 12"/></svg>';
  root.innerHTML =
    "<style>" +
    css +
    "</style>" +
    '<div class="panel" role="dialog" aria-modal="false" id="hearth-panel"></div>' +
    '<button class="launcher" type="button" aria-controls="hearth-panel" aria-expanded="false">' +
    bubble +
    "</button>";
  var panel = root.querySelector(".panel");
  var launcher = root.querySelector(".launcher");
  panel.setAttribute("aria-label", label);
  launcher.setAttribute("aria-label", label);
  var frame = null;
  var close = null;

  // The visitor's id lives in this page's own storage, which browsers never block, and reaches the chat in
  // the frame's #fragment (never sent to a server): third-party storage may be blocked or wiped.
  function visitor() {
    var name = "hearth-visitor:" + key;
    var now = Date.now();
    var saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(name) || "null");
    } catch {
      saved = null;
    }
    if (saved && saved.id && now - saved.since < 864e5) return saved.id;
    var bytes = crypto.getRandomValues(new Uint8Array(18));
    var id = btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_");
    try {
      localStorage.setItem(name, JSON.stringify({ id: id, since: now }));
    } catch {
      /* storage off: the id lasts this page */
    }
    return id;
  }

  function build() {
    frame = document.createElement("iframe");
    frame.title = label;
    var src = origin + "/embed/chat?key=" + encodeURIComponent(key);
    if (theme === "dark" || theme === "light") src += "&theme=" + theme;
    frame.src = src + "#visitor=" + visitor();
    close = document.createElement("button");
    close.type = "button";
    close.className = "close";
    close.setAttribute("aria-label", "Close chat");
    close.innerHTML = cross;
    close.addEventListener("click", hide);
    panel.appendChild(frame);
    panel.appendChild(close);
  }

  function show() {
    if (!frame) build();
    panel.classList.add("open");
    launcher.classList.add("open");
    launcher.setAttribute("aria-expanded", "true");
    launcher.innerHTML = cross;
    // preventScroll: opening the chat never moves the page.
    frame.focus({ preventScroll: true });
    if (frame.contentWindow) frame.contentWindow.postMessage({ type: "hearth:focus" }, origin);
  }

  function hide() {
    if (!panel.classList.contains("open")) return;
    panel.classList.remove("open");
    launcher.classList.remove("open");
    launcher.setAttribute("aria-expanded", "false");
    launcher.innerHTML = bubble;
    launcher.focus({ preventScroll: true });
  }

  launcher.addEventListener("click", function () {
    if (panel.classList.contains("open")) hide();
    else show();
  });
  root.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide();
  });
  // Keys pressed inside the chat stay in its frame; it tells us about Esc, and when it is ready for focus.
  window.addEventListener("message", function (e) {
    if (!frame || e.source !== frame.contentWindow || e.origin !== origin) return;
    var type = e.data && e.data.type;
    if (type === "hearth:close") hide();
    else if (type === "hearth:ready" && panel.classList.contains("open")) {
      frame.contentWindow.postMessage({ type: "hearth:focus" }, origin);
    }
  });
  (document.body || document.documentElement).appendChild(host);
})();
