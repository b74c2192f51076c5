// Learning notes that survive a dropped connection (templates/exchanges/notes.html).
// A note is put in localStorage first, then sent; one that cannot be sent stays there and is sent again
// when the connection returns (the "online" event, a page load, or every 20 seconds). The note's uid is
// made here, so the server saves it once however many times it arrives.
(function () {
  "use strict";
  var KEY = "exchange-portal.learning-notes.v1";
  var form = document.getElementById("learning-note-form");
  if (!form || !window.fetch || !window.localStorage) return;
  var status = document.getElementById("learning-note-status");
  var pendingBox = document.getElementById("learning-note-queue");
  var pendingList = document.getElementById("learning-note-pending");
  var sentBox = document.getElementById("learning-note-sent");
  var sentList = document.getElementById("learning-note-sent-list");
  var sending = false;

  function newUid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }

  function store(queue) { localStorage.setItem(KEY, JSON.stringify(queue)); }

  function say(text) { status.textContent = text; }

  function item(text, label) {
    var li = document.createElement("li");
    li.className = "card";
    var meta = document.createElement("p");
    meta.className = "card__meta";
    meta.textContent = label;
    var body = document.createElement("p");
    body.textContent = text;
    li.appendChild(meta);
    li.appendChild(body);
    return li;
  }

  function show() {
    var queue = load().filter(function (note) { return note.action === form.action; });
    pendingList.textContent = "";
    queue.forEach(function (note) {
      pendingList.appendChild(item(note.fields.text, note.label + " · " + form.dataset.waiting));
    });
    pendingBox.hidden = queue.length === 0;
  }

  function token() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function send(note) {
    var body = new URLSearchParams(note.fields);
    body.set("uid", note.uid);
    body.set("csrfmiddlewaretoken", token() || note.csrf);
    return fetch(note.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token() || note.csrf },
    });
  }

  function drop(uid) { store(load().filter(function (note) { return note.uid !== uid; })); }

  async function flush() {
    if (sending) return;
    var queue = load().filter(function (note) { return note.action === form.action; });
    if (!queue.length) return;
    sending = true;
    say(form.dataset.sending);
    try {
      for (var i = 0; i < queue.length; i++) {
        var note = queue[i];
        var response;
        try {
          response = await send(note);
        } catch (e) {
          say(form.dataset.kept);
          return;
        }
        if (response.ok) {
          drop(note.uid);
          sentList.insertBefore(item(note.fields.text, note.label), sentList.firstChild);
          sentBox.hidden = false;
          say(form.dataset.saved);
        } else if (response.status === 400) {
          drop(note.uid);
          say(form.dataset.refused);
        } else {
          say(form.dataset.kept);
          return;
        }
      }
    } finally {
      sending = false;
      show();
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new FormData(form);
    var text = String(data.get("text") || "").trim();
    if (!text) { form.querySelector("textarea").focus(); return; }
    var select = form.querySelector("select[name=session]");
    var queue = load();
    queue.push({
      uid: newUid(),
      action: form.action,
      csrf: token(),
      label: select ? select.options[select.selectedIndex].text : "",
      fields: { session: String(data.get("session") || ""), text: text, visibility: String(data.get("visibility") || "private") },
    });
    store(queue);
    form.querySelector("textarea").value = "";
    show();
    if (navigator.onLine === false) { say(form.dataset.kept); return; }
    flush();
  });

  window.addEventListener("online", flush);
  window.setInterval(function () { if (navigator.onLine !== false) flush(); }, 20000);
  show();
  flush();
})();
