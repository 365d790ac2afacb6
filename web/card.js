// tingo's quote card (README "Sharing a moment"): a square PNG, 1080×1080, drawn in the browser from a
// passage the reader selected, with the show, the episode, the time and the page's address. The app loads
// this file the first time the copy bar's Card button is pressed and calls tingoCard; nothing of it is in
// app.wasm or on a page that never makes a card. Text reaches the canvas and the dialog as text only
// (fillText, textContent): nothing in a transcript becomes markup.
(() => {
  const S = 1080, PAD = 96, d = document;
  // Line-breaking: a line never starts with closing punctuation and never ends with opening punctuation
  // (kinsoku), CJK breaks between any two characters, other scripts at spaces and hyphens.
  const noStart = /^[)\]}）」』】〕〉》〗〙〛、。，．・：；？！!?,.;:%‰゜ー～…‥⋯—–’”」ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ]/u;
  const noEnd = /[(\[{（「『【〔〈《〖〘〚‘“$£¥]$/u;
  const cjk = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]|[\u{20000}-\u{3FFFF}]/u;
  const tokens = text => {
    const out = [];
    for (const m of text.matchAll(/\s+|[^\s\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF\u{20000}-\u{3FFFF}-]+-?|./gsu)) {
      const t = m[0], last = out.length - 1;
      if (last >= 0 && (noStart.test(t) || noEnd.test(out[last]))) out[last] += t; // keep them together
      else out.push(t);
    }
    return out;
  };
  // wrap breaks text into lines no wider than w; a token wider than a line (a long address) is cut by
  // characters. It returns every character: the lines joined (spaces at breaks dropped) are the text.
  const wrap = (g, text, w) => {
    const lines = [];
    let line = "";
    const push = () => { lines.push(line.trimEnd()); line = ""; };
    for (let t of tokens(text)) {
      if (/^\s+$/.test(t)) { if (line) line += " "; continue; }
      if (g.measureText(line + t).width <= w) { line += t; continue; }
      if (line.trim()) push();
      while (g.measureText(t).width > w) { // cut by characters
        let k = 1;
        const cs = [...t];
        while (k < cs.length && g.measureText(cs.slice(0, k + 1).join("")).width <= w) k++;
        lines.push(cs.slice(0, k).join(""));
        t = cs.slice(k).join("");
      }
      line = t;
    }
    if (line.trim()) push();
    return lines;
  };
  // fit finds the largest size (72 px down to 34) at which the quote takes at most maxLines lines; at the
  // smallest it cuts the quote at maxLines with an ellipsis (the link on the card leads to all of it).
  const fit = (g, family, text, w, maxH) => {
    for (let px = 72; ; px -= 2) {
      g.font = `${px}px ${family}`;
      const lh = Math.round(px * 1.45), n = Math.floor(maxH / lh), lines = wrap(g, text, w);
      if (lines.length <= n) return { px, lh, lines };
      if (px <= 34) {
        const kept = lines.slice(0, n);
        let last = kept[n - 1] || "";
        while (last && g.measureText(last + "…").width > w) last = [...last].slice(0, -1).join("");
        kept[n - 1] = last + "…";
        return { px, lh, lines: kept, cut: true };
      }
    }
  };

  // draw paints the card and returns what it wrote, for the dialog's alternative text and for the tests.
  const draw = (c, q) => {
    c.width = c.height = S;
    const g = c.getContext("2d"), family = q.font || "sans-serif", w = S - 2 * PAD;
    g.fillStyle = "#fbf7ef"; g.fillRect(0, 0, S, S);
    g.fillStyle = "#0b5cad"; g.fillRect(0, 0, S, 16);
    g.textBaseline = "alphabetic";
    g.fillStyle = "#b07d00"; g.font = `bold 160px Georgia, ${family}`;
    g.fillText("“", PAD - 12, PAD + 120);
    // The foot, from the bottom up: address, time, episode, show.
    g.font = `30px ${family}`;
    const addr = wrap(g, q.address, w).slice(0, 2);
    g.font = `bold 40px ${family}`;
    const ep = wrap(g, q.episode, w).slice(0, 2);
    g.font = `34px ${family}`;
    const show = q.show ? wrap(g, q.show, w).slice(0, 1) : [];
    let y = S - PAD;
    g.fillStyle = "#595959"; g.font = `30px ${family}`;
    for (const l of addr.slice().reverse()) { g.fillText(l, PAD, y); y -= 42; }
    g.fillStyle = "#0b5cad"; g.font = `bold 34px ${family}`;
    g.fillText(q.time, PAD, y); y -= 56;
    g.fillStyle = "#1a1a1a"; g.font = `bold 40px ${family}`;
    for (const l of ep.slice().reverse()) { g.fillText(l, PAD, y); y -= 54; }
    g.fillStyle = "#595959"; g.font = `34px ${family}`;
    for (const l of show) { g.fillText(l, PAD, y); y -= 48; }
    const footTop = y - 24;
    g.fillStyle = "#d0d7de"; g.fillRect(PAD, footTop, 160, 4);
    const top = PAD + 150, room = footTop - 40 - top, f = fit(g, family, q.quote, w, room);
    const y0 = top + Math.max(0, (room - f.lh * f.lines.length) / 3); // a little above the middle
    g.fillStyle = "#1a1a1a"; g.font = `${f.px}px ${family}`;
    f.lines.forEach((l, k) => g.fillText(l, PAD, y0 + f.lh * (k + 0.8)));
    return { lines: f.lines, px: f.px, cut: !!f.cut, foot: [...show, ...ep, q.time, ...addr] };
  };

  const el = (tag, props, ...kids) => {
    const e = Object.assign(d.createElement(tag), props);
    e.append(...kids);
    return e;
  };
  const fileName = q => (q.episode.replace(/[\\/:*?"<>|\s]+/g, "-").slice(0, 60) + "-" + q.time.replace(/:/g, "-") + ".png");

  // tingoCard draws the card for q ({quote, show, episode, time, address, font, labels}) and opens it in a
  // modal dialog with Download, Share (where the browser shares files) and Close. opener gets focus back.
  window.tingoCard = async (q, opener) => {
    d.getElementById("card")?.remove();
    if (!q.show) { // the show's name, from the page's structured data where it has some
      try {
        for (const s of d.querySelectorAll('script[type="application/ld+json"]')) q.show ||= JSON.parse(s.textContent)?.partOfSeries?.name;
      } catch { /* none */ }
    }
    const c = el("canvas");
    try { await d.fonts?.load(`72px ${q.font}`, q.quote); } catch { /* drawn with what is there */ }
    const drawn = draw(c, q);
    const blob = await new Promise(ok => c.toBlob(ok, "image/png"));
    const url = URL.createObjectURL(blob), L = q.labels, name = fileName(q);
    const file = new File([blob], name, { type: "image/png" });
    const img = el("img", { src: url, alt: q.quote, width: 540, height: 540 });
    const close = el("button", { type: "button", className: "btn", textContent: L.close });
    const save = el("a", { className: "btn", href: url, download: name, textContent: L.download });
    const acts = el("div", { className: "card-actions" }, save);
    if (navigator.canShare?.({ files: [file] })) {
      const share = el("button", { type: "button", className: "btn", id: "card-share", textContent: L.share });
      share.onclick = () => navigator.share({ files: [file], title: q.episode, text: q.text }).catch(() => {});
      acts.append(share);
    }
    acts.append(close);
    const dlg = el("dialog", { id: "card", className: "dialog card" },
      el("h2", { id: "card-title", textContent: L.title }), img, acts);
    dlg.setAttribute("aria-labelledby", "card-title");
    dlg.tingoCard = drawn;
    close.onclick = () => dlg.close();
    // Escape is the dialog's own: the page's shortcuts (which take Escape too) never see it.
    dlg.addEventListener("keydown", e => { if (e.key == "Escape") { e.stopPropagation(); e.preventDefault(); dlg.close(); } });
    dlg.addEventListener("close", () => { URL.revokeObjectURL(url); dlg.remove(); opener?.focus(); });
    d.body.append(dlg);
    dlg.showModal();
    save.focus();
    return drawn;
  };
})();
