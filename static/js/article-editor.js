// The article body editor in the admin: django-prose-editor's ProseMirror bundle, imported by URL
// (no inline import map) and started without Tiptap's injected <style> element, so the admin
// keeps the strict Content-Security-Policy. The server cleans whatever this sends (nh3).
import {
  Blockquote, Bold, BulletList, Caption, Document, Dropcursor, Editor, Figure, Gapcursor, HTML,
  HardBreak, Heading, History, HorizontalRule, Image, Italic, Link, ListItem, Menu, NoSpellCheck,
  OrderedList, Paragraph, Strike, Subscript, Superscript, Table, TableCell, TableHeader, TableRow,
  Text, Underline, crel, initializeEditors,
} from "../django_prose_editor/editor.js";

const ATTRIBUTE = "data-django-prose-editor-articles";
const EMPTY = /^<(\w+)(\s[^>]*)?><\/\1>$/i;

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE) || "{}");
  const disabled = textarea.hasAttribute("disabled");
  const wrapper = crel("div", { className: `prose-editor${disabled ? " disabled" : ""}` });
  textarea.before(wrapper);
  wrapper.append(textarea);
  const editor = new Editor({
    element: wrapper,
    editable: !disabled,
    injectCSS: false,
    content: textarea.value,
    extensions: [
      Document, Paragraph, Text, HardBreak, Dropcursor, Gapcursor, History, Menu, HTML,
      NoSpellCheck, Heading.configure({ levels: config.headingLevels || [2, 3, 4] }),
      Bold, Italic, Underline, Strike, Subscript, Superscript, Link, BulletList, OrderedList,
      ListItem, Blockquote, HorizontalRule, Figure, Image, Caption, Table, TableRow,
      TableHeader, TableCell,
    ],
    onUpdate({ editor: current }) {
      const html = current.getHTML();
      textarea.value = EMPTY.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
    onDestroy() {
      wrapper.before(textarea);
      wrapper.remove();
    },
  });
  // Say which field the editable area belongs to, for screen readers and tests.
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  if (label) {
    editor.view.dom.setAttribute("aria-label", label.textContent.replace(/:$/, ""));
  }
  return editor;
}

initializeEditors(createEditor, `[${ATTRIBUTE}]`);
