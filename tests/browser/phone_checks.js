// What a phone shows wrong, measured in the page (tests/browser/test_phones.py): whether the page scrolls
// sideways and which element sticks out furthest, and which text is clipped to nothing.
() => {
  const vw = window.innerWidth;
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    if (el.classList.length) name += "." + [...el.classList].join(".");
    const text = (el.innerText || el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 50);
    return text ? `${name} "${text}"` : name;
  };
  const clips = (style) => style.overflowX !== "visible" || style.overflowY !== "visible";
  // .visually-hidden text is for screen readers: 1 px and clipped on purpose.
  const forScreenReaders = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.position === "absolute" && s.clip && s.clip !== "auto") return true;
    }
    return false;
  };
  const all = [...document.body.querySelectorAll("*")];

  // An element past the right edge that no scrolling or clipping box of its own holds.
  // (An absolutely placed child escapes a scrolling box that is not its containing block: then the furthest
  // element of all is named.)
  let widest = null, furthest = null;
  for (const el of all) {
    const r = el.getBoundingClientRect();
    if ((r.width === 0 && r.height === 0) || r.right <= vw + 0.5) continue;
    if (!furthest || r.right > furthest.right + 0.5) furthest = {right: r.right, el};
    let held = false;
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      if (getComputedStyle(e).overflowX !== "visible") { held = true; break; }
    }
    if (!held && (!widest || r.right > widest.right + 0.5)) widest = {right: r.right, el};
  }
  widest = widest || furthest;

  // Text a person cannot see: a box squeezed under 2 px, cut away by a clipping ancestor, or inside a
  // scrolling box too short to show one line of it.
  const clipped = [];
  for (const el of all) {
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    if (el.closest("[hidden], template, noscript, script, style, option, title, desc")) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden" || !el.getClientRects().length) continue;
    if (forScreenReaders(el)) continue;
    const r = el.getBoundingClientRect();
    let box = {l: r.left, t: r.top, r: r.right, b: r.bottom};
    let why = r.width < 2 || r.height < 2 ? `its box is ${Math.round(r.width)}×${Math.round(r.height)} px` : "";
    for (let e = el.parentElement; !why && e && e !== document.documentElement; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (!clips(s)) continue;
      if (["auto", "scroll"].includes(s.overflowX) || ["auto", "scroll"].includes(s.overflowY)) {
        if (e.clientHeight < parseFloat(style.fontSize) && e.scrollHeight > e.clientHeight + 1) {
          why = `its scrolling box ${describe(e)} is ${e.clientHeight} px tall`;
        }
        continue;  // otherwise reachable by scrolling
      }
      const er = e.getBoundingClientRect();
      box = {l: Math.max(box.l, er.left), t: Math.max(box.t, er.top), r: Math.min(box.r, er.right),
             b: Math.min(box.b, er.bottom)};
      if (box.r - box.l < 2 || box.b - box.t < 2) why = `cut away by ${describe(e)}`;
    }
    if (why) clipped.push(`${describe(el)}: ${why}`);
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: vw,
    widest: widest ? `${describe(widest.el)}, its right edge at ${Math.round(widest.right)} px` : null,
    clipped: clipped.slice(0, 5),
  };
}
