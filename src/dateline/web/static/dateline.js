// dateline web UI conveniences (plain JS, no libraries): the pages work without it.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // On an event page, bring the first evidence sentence into view.
  const evidence = document.querySelector(".article mark.evidence");
  if (evidence) evidence.scrollIntoView({ block: "center" });

  // On an article page, clicking an event mark opens the event.
  for (const mark of document.querySelectorAll("mark.event[data-event]")) {
    mark.addEventListener("click", () => { window.location.href = `/events/${encodeURIComponent(mark.dataset.event)}`; });
  }

  // Hovering a table row highlights its dot on the timeline.
  for (const link of document.querySelectorAll("a.event-link")) {
    const id = decodeURIComponent(link.getAttribute("href").split("/").pop());
    const dot = document.querySelector(`a.dot-link[data-event="${CSS.escape(id)}"] circle`);
    if (!dot) continue;
    const row = link.closest("tr");
    row.addEventListener("mouseenter", () => dot.classList.add("active"));
    row.addEventListener("mouseleave", () => dot.classList.remove("active"));
  }
});
