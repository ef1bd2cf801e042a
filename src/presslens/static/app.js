// presslens web app: the only script the pages load (the Content-Security-Policy forbids inline
// scripts). It never inserts markup: it only adds classes, scrolls and hides rows.
"use strict";

// The reader: #span-START-END highlights the text between those offsets and scrolls to it.
function highlightFromHash() {
  const match = /^#span-(\d+)-(\d+)$/.exec(window.location.hash);
  const reader = document.getElementById("reader");
  if (!reader) return;
  for (const old of reader.querySelectorAll(".target")) old.classList.remove("target");
  if (!match) return;
  const start = Number(match[1]);
  const end = Number(match[2]);
  const hit = [];
  for (const seg of reader.querySelectorAll(".seg")) {
    const s = Number(seg.dataset.s);
    const e = Number(seg.dataset.e);
    if (s < end && e > start) {
      seg.classList.add("target");
      hit.push(seg);
    }
  }
  if (hit.length) hit[0].scrollIntoView({ block: "center" });
}

// "filter this page": hide the rows of .filterable tables that do not contain the words.
function wireFilters() {
  for (const input of document.querySelectorAll("input.filter")) {
    input.addEventListener("input", () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      for (const table of document.querySelectorAll("table.filterable")) {
        const rows = Array.from(table.querySelectorAll("tr")).slice(1);
        for (const row of rows) {
          const text = row.textContent.toLowerCase();
          row.hidden = !words.every((w) => text.includes(w));
        }
      }
    });
  }
}

window.addEventListener("hashchange", highlightFromHash);
document.addEventListener("DOMContentLoaded", () => {
  highlightFromHash();
  wireFilters();
});
