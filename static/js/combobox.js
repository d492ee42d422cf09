// The typeahead of the search boxes as an ARIA combobox (the WAI-ARIA "list autocomplete"
// pattern). htmx fetches the options into the listbox (templates/jobs/_search_bar.html); this
// file adds the roles and states, the keyboard (Down/Up move, Enter picks, Escape closes) and
// the announcements. Without JavaScript the boxes are plain text fields.

const STATUS_ID = "typeahead-status";

function parts(element) {
  const box = element.closest("[data-combobox]");
  if (!box) return null;
  return { box, input: box.querySelector("input"), list: box.querySelector("[role=listbox]") };
}

function options(list) {
  return Array.from(list.querySelectorAll("[role=option]"));
}

function announce(text) {
  const status = document.getElementById(STATUS_ID);
  if (status) status.textContent = text;
}

function setUp(box) {
  const input = box.querySelector("input");
  const list = box.querySelector("[role=listbox]");
  if (!input || !list || input.getAttribute("role") === "combobox") return;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
}

function close({ input, list }) {
  list.hidden = true;
  input.setAttribute("aria-expanded", "false");
  input.removeAttribute("aria-activedescendant");
  options(list).forEach((option) => option.setAttribute("aria-selected", "false"));
}

function activate({ input, list }, index) {
  const all = options(list);
  all.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
  if (index < 0) {
    input.removeAttribute("aria-activedescendant");
    return;
  }
  input.setAttribute("aria-activedescendant", all[index].id);
  all[index].scrollIntoView({ block: "nearest" });
}

function pick(combobox, option) {
  combobox.input.value = option.dataset.value;
  close(combobox);
  announce("");
  combobox.input.form?.requestSubmit();
}

function setUpAll() {
  document.querySelectorAll("[data-combobox]").forEach(setUp);
}
setUpAll();
// The search bar is re-rendered out of band after some searches: set the new one up too.
document.addEventListener("htmx:load", setUpAll);

document.addEventListener("htmx:afterSwap", (event) => {
  const combobox = parts(event.detail.target);
  if (!combobox || event.detail.target !== combobox.list) return;
  const count = options(combobox.list).length;
  // A late answer for a box the user has left stays closed.
  const open = count > 0 && document.activeElement === combobox.input;
  combobox.list.hidden = !open;
  combobox.input.setAttribute("aria-expanded", String(open));
  combobox.input.removeAttribute("aria-activedescendant");
  if (open) {
    announce(`${count} suggestion${count === 1 ? "" : "s"}. Use the up and down arrows to choose.`);
  }
});

document.addEventListener("keydown", (event) => {
  const combobox = event.target.matches?.("[data-combobox] input") && parts(event.target);
  if (!combobox) return;
  const all = options(combobox.list);
  const current = all.findIndex((option) => option.getAttribute("aria-selected") === "true");
  const open = !combobox.list.hidden && all.length > 0;
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    if (!all.length) return;
    event.preventDefault();
    if (!open) {
      combobox.list.hidden = false;
      combobox.input.setAttribute("aria-expanded", "true");
    }
    const step = event.key === "ArrowDown" ? 1 : -1;
    const next = current < 0 && step < 0 ? all.length - 1 : (current + step + all.length) % all.length;
    activate(combobox, next);
    announce(all[next].textContent.trim());
  } else if (event.key === "Enter" && open && current >= 0) {
    event.preventDefault();
    pick(combobox, all[current]);
  } else if (event.key === "Escape" && open) {
    event.preventDefault();
    close(combobox);
  }
});

// A click (or tap) on an option picks it; mousedown keeps the focus in the box.
document.addEventListener("mousedown", (event) => {
  const option = event.target.closest?.("[data-combobox] [role=option]");
  if (option) event.preventDefault();
});
document.addEventListener("click", (event) => {
  const option = event.target.closest?.("[data-combobox] [role=option]");
  if (option) pick(parts(option), option);
});

document.addEventListener("focusout", (event) => {
  const combobox = event.target.matches?.("[data-combobox] input") && parts(event.target);
  if (combobox) close(combobox);
});
