// A minimal reader of /openapi.json: endpoints, parameters and responses, rendered without any external library.
"use strict";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

function typeOf(schema) {
  if (!schema) return "";
  if (schema.anyOf) return schema.anyOf.map(typeOf).filter((t) => t !== "null").join(" | ");
  if (schema.$ref) return schema.$ref.split("/").pop();
  return schema.format ? `${schema.type} (${schema.format})` : schema.type || "";
}

async function render() {
  const target = document.getElementById("api-docs");
  const spec = await (await fetch("/openapi.json")).json();
  target.replaceChildren(el("p", {}, `${spec.info.title} ${spec.info.version}: ${spec.info.description || ""}`));
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const box = el("section", { class: "endpoint" });
      box.append(el("h3", {}, el("span", { class: `method ${method}` }, method.toUpperCase()), el("code", {}, path)));
      if (op.summary) box.append(el("p", {}, op.summary));
      const params = op.parameters || [];
      if (params.length) {
        const table = el("table");
        for (const p of params) {
          table.append(el("tr", {}, el("td", {}, el("code", {}, p.name)), el("td", { class: "muted" }, p.in),
            el("td", {}, typeOf(p.schema)), el("td", {}, p.description || p.schema?.description || "")));
        }
        box.append(table);
      }
      const codes = Object.entries(op.responses || {}).map(([code, r]) => `${code} ${r.description}`);
      box.append(el("p", { class: "muted" }, `Responses: ${codes.join(" · ")}`));
      target.append(box);
    }
  }
}

render().catch((error) => {
  document.getElementById("api-docs").textContent = `Could not read /openapi.json: ${error}`;
});
