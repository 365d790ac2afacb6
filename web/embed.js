// tingo's embed page in another site's frame (SLUG/embed/; README "Embedding an episode"). It centres the
// current segment by scrolling the frame's own page (scrollIntoView would scroll the host page around the
// frame too; web/early.js and the app call tingoCenter where it is set), tells the host page where it is,
// and takes play, pause, mute and seek from that page only.
(() => {
  if (self == top) return;
  const d = document, host = parent, A = () => d.getElementById("audio");
  const px = v => parseFloat(v) || 0;
  const centre = el => {
    const r = el.getBoundingClientRect(), c = getComputedStyle(el), m = px(c.scrollMarginTop);
    return Math.max(0, scrollY + r.top - m - (innerHeight - r.height - m - px(c.scrollMarginBottom)) / 2);
  };
  // A jump is measured again a moment later: segments use content-visibility: auto, so those scrolled near
  // take their real heights after the first frame and the segment moves.
  window.tingoCenter = (el, b) => {
    scrollTo({ top: centre(el), behavior: b });
    b != "smooth" && setTimeout(() => Math.abs(centre(el) - scrollY) >= 1 && scrollTo({ top: centre(el), behavior: "instant" }), 100);
  };
  const tell = event => {
    const a = A(), c = d.querySelector('#transcript .seg[aria-current="true"]');
    a && host.postMessage({ type: "tingo:state", event, time: a.currentTime, duration: a.duration, paused: a.paused,
      segment: c ? +c.dataset.start : -1, scrollY }, "*"); // nothing the host could not see on screen
  };
  addEventListener("message", e => {
    const m = e.data, a = A();
    if (e.source != host || !a || !m || m.type != "tingo:command") return;
    const c = m.command;
    c == "play" ? a.play().catch(() => {}) : c == "pause" ? a.pause() : c == "mute" || c == "unmute" ? a.muted = c == "mute" :
      c == "seek" && m.time >= 0 && m.time < 1e7 && (a.currentTime = m.time);
    tell("command");
  });
  d.addEventListener("DOMContentLoaded", () => {
    const a = A();
    if (!a) return;
    for (const ev of ["play", "pause", "seeked", "timeupdate", "ended"]) a.addEventListener(ev, () => tell(ev));
    tell("ready");
  });
})();
