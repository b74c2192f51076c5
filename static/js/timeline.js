/* The agenda builder's timeline: drag a session to another time or day, or drag its lower edge to change its
   length, with a mouse, a pen or a finger (pointer events). A small script of our own rather than a list-sorting
   library (SortableJS and the like reorder items in lists; a time grid needs minutes from a vertical position
   and a day from the column under the pointer). No inline style: positions are CSS custom properties set here
   (the CSP's style-src governs style attributes in markup, not the CSSOM). A drop posts the same "Move to…"
   form the keyboard uses; the builder then reloads with its warnings checked again and an "Undo" button. */
(function () {
  "use strict";
  var SNAP = 15; // minutes
  var THRESHOLD = 4; // pixels before a press becomes a drag

  function pad(number) { return (number < 10 ? "0" : "") + number; }
  function clock(minutes) { return pad(Math.floor(minutes / 60) % 24) + ":" + pad(minutes % 60); }

  function place(block, first) {
    block.style.setProperty("--block-start", String(block.dataset.start - first));
    block.style.setProperty("--block-length", String(block.dataset.end - block.dataset.start));
  }

  // Sessions at the same time side by side: each block gets a lane among those it overlaps.
  function lanes(column) {
    var blocks = Array.prototype.slice.call(column.querySelectorAll(".timeline__block"));
    blocks.sort(function (a, b) { return a.dataset.start - b.dataset.start; });
    var group = [], groupEnd = -1, ends = [];
    function close() {
      group.forEach(function (block) { block.style.setProperty("--lanes", String(ends.length)); });
      group = []; ends = [];
    }
    blocks.forEach(function (block) {
      var start = +block.dataset.start, end = +block.dataset.end;
      if (start >= groupEnd) { close(); groupEnd = -1; }
      var lane = ends.findIndex(function (laneEnd) { return laneEnd <= start; });
      if (lane === -1) { lane = ends.length; ends.push(end); } else { ends[lane] = end; }
      block.style.setProperty("--lane", String(lane));
      group.push(block);
      groupEnd = Math.max(groupEnd, end);
    });
    close();
  }

  function setUp(timeline) {
    var first = +timeline.dataset.first;
    var last = +timeline.dataset.last;
    var form = timeline.querySelector(".timeline__form");
    timeline.style.setProperty("--timeline-minutes", String(last - first));
    timeline.querySelectorAll(".timeline__hour").forEach(function (hour) {
      hour.style.setProperty("--hour-offset", hour.dataset.offset);
    });
    timeline.querySelectorAll(".timeline__block").forEach(function (block) { place(block, first); });
    timeline.querySelectorAll(".timeline__column[data-day]").forEach(lanes);
    timeline.hidden = false;

    var drag = null;

    function minutesPerPixel(column) {
      return (last - first) / column.getBoundingClientRect().height;
    }

    function columnAt(x, y) {
      var found = null;
      timeline.querySelectorAll(".timeline__column[data-day]").forEach(function (column) {
        var box = column.getBoundingClientRect();
        if (x >= box.left && x <= box.right && y >= box.top - 40 && y <= box.bottom + 40) { found = column; }
      });
      return found;
    }

    timeline.addEventListener("pointerdown", function (event) {
      var block = event.target.closest(".timeline__block[data-move-url]");
      if (!block || event.button > 0) { return; }
      event.preventDefault();
      block.setPointerCapture(event.pointerId);
      drag = {
        block: block,
        resize: event.target.classList.contains("timeline__resize"),
        x: event.clientX,
        y: event.clientY,
        start: +block.dataset.start,
        end: +block.dataset.end,
        column: block.parentElement,
        moved: false
      };
    });

    timeline.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) < THRESHOLD && Math.abs(dy) < THRESHOLD) { return; }
      drag.moved = true;
      drag.block.classList.add("timeline__block--dragging");
      var delta = Math.round(dy * minutesPerPixel(drag.column) / SNAP) * SNAP;
      var length = drag.end - drag.start;
      var start = drag.start, end = drag.end;
      if (drag.resize) {
        end = Math.min(Math.max(drag.end + delta, drag.start + SNAP), 24 * 60);
      } else {
        start = Math.min(Math.max(drag.start + delta, 0), 24 * 60 - length);
        end = start + length;
        var column = columnAt(event.clientX, event.clientY);
        if (column && column !== drag.block.parentElement) { column.appendChild(drag.block); }
      }
      drag.block.dataset.start = String(start);
      drag.block.dataset.end = String(end);
      place(drag.block, first);
      drag.block.querySelector(".timeline__time").textContent = clock(start) + "–" + clock(end);
    });

    function finish(event, cancelled) {
      if (!drag) { return; }
      var current = drag;
      drag = null;
      current.block.classList.remove("timeline__block--dragging");
      if (!current.moved) {
        // A press without a drag: go to the session in the agenda below (its "Edit" and "Move to…").
        var item = document.getElementById("session-" + current.block.dataset.session);
        if (item && !cancelled) { item.scrollIntoView({block: "center"}); }
        return;
      }
      var column = current.block.parentElement;
      var unchanged = column === current.column && +current.block.dataset.start === current.start &&
        +current.block.dataset.end === current.end;
      if (cancelled || unchanged) {
        current.column.appendChild(current.block);
        current.block.dataset.start = String(current.start);
        current.block.dataset.end = String(current.end);
        place(current.block, first);
        return;
      }
      form.action = current.block.dataset.moveUrl;
      form.elements.day.value = column.dataset.day;
      form.elements.start_time.value = clock(+current.block.dataset.start);
      // A move keeps the session's length (the server knows it to the minute); a resize sets the new end.
      form.elements.end_time.value = current.resize ? clock(+current.block.dataset.end) : "";
      current.block.classList.add("timeline__block--saving");
      form.submit();
    }

    timeline.addEventListener("pointerup", function (event) { finish(event, false); });
    timeline.addEventListener("pointercancel", function (event) { finish(event, true); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drag) { finish(event, true); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".timeline[data-first]").forEach(setUp);
  });
})();
