// tingo before app.wasm: the prerendered page reads along (README "The first visit"; page contract: app/ui/render.go).
(() => {
  const w8 = (c, s = String.fromCharCode(c)) => c >> 11 == 27 ? .5 :
    /\s|[\p{sc=Han}\p{sc=Hira}\p{sc=Kana}\p{sc=Hang}]/u.test(s) ? 1 : /[\p{L}\p{Nd}]/u.test(s) ? .35 : .5;
  const timeAt = (tx, a, b, w, off) => {
    let t = a, x = 0, n = 0, i = 0;
    if (w) return w.split(" ").map(p => p.split(":")).forEach(p => +p[0] <= off && (t = +p[1])), t;
    for (; i < tx.length; i++) n += w8(tx.charCodeAt(i)), i < off && (x = n);
    return n ? a + (Math.max(b, a) - a) * x / n : a;
  };
  const clock = s => /^\d+(:\d\d?){0,2}(\.\d+)?$/.test(s) ? s.split(":").reduce((x, p, i) => i && p >= 60 ? NaN : x * 60 + +p, 0) : NaN;
  const parseT = v => {
    const r = v.replace(/^npt:/, "").split(",").map((s, i) => s ? clock(s) : i ? NaN : 0), [a, b = 0] = r;
    return r[2] != null || !(a >= 0 && b >= 0 && a + b < 1e7) || !v || b && b <= a ? null : [a, b];
  };
  const pick = p => {
    for (const l of p.map(l => l.toLowerCase()))
      if (/^(zh|en)/.test(l)) return /^zh-(hant|tw|hk|mo)/.test(l) ? "zh-Hant" : l[0] == "z" ? "zh-Hans" : "en";
    return "en";
  };
  if (typeof module == "object") return void (module.exports = { timeAt, parseT, pick });

  const d = document, $ = s => d.querySelector(s), H = d.documentElement, ac = new AbortController(), now = () => performance.now();
  const on = (el, ev, f, o) => el.addEventListener(ev, f, { signal: ac.signal, ...o });
  const st = { follow: 1, stopAt: 0, pending: -1, moved: 0 }, play = () => A.play().catch(() => {});
  let A, segs, cur, go, userAt = -1e4;
  if (window.tingoLive) return;
  try { // the reader's text size and line spacing (app/ui/comfort.go), before the first paint where possible
    const [z, l] = localStorage.getItem("tingo:comfort").split(" ");
    z > 0 && l > 0 && (H.style.setProperty("--ts", +z), H.style.setProperty("--lh", +l));
  } catch (e) {}
  window.tingoEarly = { stop: () => (ac.abort(), st) };
  const num = (el, a) => +el.getAttribute("data-" + a);
  const mid = (b = "auto") => window.tingoCenter ? tingoCenter(cur, b) : cur.scrollIntoView({ block: "center", behavior: b }); // web/embed.js
  const into = (r = st.follow && cur && cur.getBoundingClientRect()) => r && (r.top < 100 || r.bottom > innerHeight - 110) &&
    mid(matchMedia("(prefers-reduced-motion:reduce)").matches ? "auto" : "smooth");
  const update = still => { // still: mark the current segment, move nothing (the page as it opens)
    const t = st.pending >= 0 ? st.pending : A.currentTime; // a browser may drop a time set before metadata
    let lo = 0, hi = segs.length - 1, m;
    if (st.stopAt && t >= st.stopAt) st.stopAt = 0, A.pause();
    while (lo < hi) m = (lo + hi + 1) >> 1, num(segs[m], "start") <= t ? lo = m : hi = m - 1;
    if (segs[lo] != cur) cur && cur.removeAttribute("aria-current"), (cur = segs[lo]).setAttribute("aria-current", "true"), still || into();
  };
  const follow = f => {
    st.follow = f;
    $("#now").hidden = f;
    f && (userAt = -1e4, into());
  };
  const seek = (t, p) => {
    st.moved = 1;
    t = Math.max(0, t);
    if (!segs) return st.pending = t, go = p; // the audio is not parsed yet: bind seeks
    A.currentTime = t;
    st.pending = A.readyState ? -1 : t;
    update();
    follow(1);
    p && play();
  };
  const link = () => {
    const m = /[#&?]t=([^&]*)/.exec(location.hash + "&" + location.search), r = m && parseT(decodeURIComponent(m[1]));
    r && (st.stopAt = r[1], seek(r[0], r[1]), mid());
  };
  on(d, "click", e => {
    const g = e.target, seg = g.closest("#transcript .seg"), a = seg && num(seg, "start"), tx = seg && seg.querySelector(".tx");
    if (g.closest("#now")) return follow(1);
    if (!seg || !getSelection().isCollapsed) return;
    if (g.closest("a.ts")) return e.preventDefault(), history.replaceState(null, "", "#t=" + a), seek(a, 1);
    const p = d.caretPositionFromPoint ? d.caretPositionFromPoint(e.clientX, e.clientY) : d.caretRangeFromPoint(e.clientX, e.clientY);
    const n = p && (p.offsetNode || p.startContainer), r = n && tx.contains(n) && d.createRange();
    r && (r.setStart(tx, 0), r.setEnd(n, p.offsetNode ? p.offset : p.startOffset)); // the text's offset, across a fix's <ins>
    seek(r ? timeAt(tx.textContent, a, num(seg, "end"), seg.dataset.w, r.toString().length) : a, 1);
  });
  on(d, "keydown", e => {
    const g = e.target;
    if (!segs || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || g.matches("input,textarea,select,[contenteditable]")) return;
    if (e.key == " " && !g.matches("button,a,summary,audio")) e.preventDefault(), A.paused ? play() : A.pause();
  });
  for (const ev of ["wheel", "touchmove", "mousedown"]) on(window, ev, e => (ev[0] != "m" || e.target == H) && (userAt = now()), { passive: 1 });
  on(window, "scroll", () => segs && st.follow && now() - userAt < 1000 && follow(0), { passive: 1 });
  const bind = () => {
    const L = $("#transcript"), R = $(".tingo"), q = $("[type=search]"), lb = $("#app-wasm-loader-label"), lang = pick(navigator.languages || []);
    let S = { ...q && q.dataset };
    const say = () => q && (q.placeholder = S.loading + (+lb.textContent ? " " + Math.min(lb.textContent, 99) + "%" : ""));
    const shown = () => {
      H.classList.add("js");
      lb && (say(), new MutationObserver(say).observe(lb, { childList: 1 }));
    };
    if (R && R.lang != lang) {
      fetch(new URL("i18n.json", $("script[src$='early.js']").src)).then(r => r.json()).then(j => {
        R.lang = lang;
        S = j[lang].strings;
        for (const [s, at, v] of j[lang].page) {
          const el = $(s);
          el && (at == "#text" ? el.lastChild.nodeValue = v : at ? el.setAttribute(at, v) : el.textContent = v);
        }
      }).finally(shown);
      setTimeout(shown, 3000);
    } else shown();
    if (!(A = $("#audio")) || !L) return;
    const p = st.pending;
    segs = L.querySelectorAll(".seg");
    on(A, "loadedmetadata", () => st.pending >= 0 && (A.currentTime = st.pending, st.pending = -1));
    for (const ev of ["timeupdate", "seeked", "loadedmetadata"]) on(A, ev, () => update());
    on(window, "hashchange", link);
    update(1);
    st.pending = -1;
    p < 0 ? link() : seek(p, go); // a tap before now is the listener's latest word
  };
  d.readyState == "loading" ? on(d, "DOMContentLoaded", bind) : bind();
})();
