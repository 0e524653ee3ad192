// Entry of the CodeMirror 6 bundle for the harzgraph SPARQL workbench (see README.md).
// Exposes the building blocks as window.HGCodeMirror; webapp/static/js/workbench.js composes them.
import { EditorView, basicSetup } from "codemirror";
import { EditorState, Compartment } from "@codemirror/state";
import { keymap, placeholder } from "@codemirror/view";
import { StreamLanguage, syntaxHighlighting, HighlightStyle } from "@codemirror/language";
import { autocompletion, completeFromList, ifNotIn } from "@codemirror/autocomplete";
import { setDiagnostics, lintGutter } from "@codemirror/lint";
import { indentWithTab } from "@codemirror/commands";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";
import { tags } from "@lezer/highlight";

window.HGCodeMirror = {
  EditorView, EditorState, Compartment, basicSetup, keymap, placeholder, StreamLanguage,
  syntaxHighlighting, HighlightStyle, tags, autocompletion, completeFromList, ifNotIn,
  setDiagnostics, lintGutter, indentWithTab, sparql,
};
