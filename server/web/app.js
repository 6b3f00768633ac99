// newsdex search page. Reads its state from the address (the API's own
// parameter names: /?q=oil&source=Reuters&since=1987-03), asks /api/search,
// and draws the answer. Every piece of article text goes into the page as
// text nodes, never as HTML.
"use strict";

const PAGE_SIZE = 10;
// Filters the sidebar can set; each may repeat (any of several values).
const FILTER_FIELDS = ["source", "topic", "lang"];
// Parameters the page keeps in its address, as the API names them.
const STATE_KEYS = ["q", "sort", "rank", "since", "until", "offset", ...FILTER_FIELDS];
const FACETS = ["source", "topic", "lang", "date:month"];

const $ = (id) => document.getElementById(id);
const encoder = new TextEncoder();
const decoder = new TextDecoder();
let pending = null;  // the request in flight, aborted by a newer one

function stateFromLocation() {
  const params = new URLSearchParams(location.search);
  const state = new URLSearchParams();
  for (const [key, value] of params) {
    if (STATE_KEYS.includes(key) && value !== "") state.append(key, value);
  }
  return state;
}

function navigate(state, replace) {
  const query = state.toString();
  const url = query ? "/?" + query : "/";
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  render(state);
}

// Any change of query, filter, sort or dates starts again at the first page.
function changed(state) {
  state.delete("offset");
  navigate(state, false);
}

// `text` with the [start, end) UTF-8 byte ranges of `spans` in <mark>.
function highlighted(text, spans) {
  const fragment = document.createDocumentFragment();
  const bytes = encoder.encode(text);
  let at = 0;
  for (const [start, end] of spans || []) {
    if (start < at || end > bytes.length || end <= start) continue;
    fragment.append(decoder.decode(bytes.subarray(at, start)));
    const mark = document.createElement("mark");
    mark.textContent = decoder.decode(bytes.subarray(start, end));
    fragment.append(mark);
    at = end;
  }
  fragment.append(decoder.decode(bytes.subarray(at)));
  return fragment;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function formatDate(published) {
  if (!published) return "";
  const date = new Date(published);
  if (isNaN(date)) return published;
  const options = { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" };
  if (published.length > 10) Object.assign(options, { hour: "2-digit", minute: "2-digit" });
  return date.toLocaleString(undefined, options) + (published.length > 10 ? " UTC" : "");
}

// Only http(s) links are followed: a javascript: URL in an article is text.
function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function drawHit(hit) {
  const item = element("li", "hit");
  item.dataset.id = hit.id;
  const heading = element("h3");
  const url = safeUrl(hit.url);
  const title = hit.title ? highlighted(hit.title, hit.title_highlights) : document.createTextNode(hit.id);
  if (url) {
    const link = element("a");
    link.href = url;
    link.rel = "noopener noreferrer";
    link.append(title);
    heading.append(link);
  } else {
    heading.append(title);
  }
  item.append(heading);
  const meta = [hit.source, formatDate(hit.published)].filter(Boolean);
  if (hit.duplicates > 0) meta.push("+" + hit.duplicates + " similar");
  const metaLine = element("p", "meta", meta.join(" · "));
  const stored = element("a", null, "stored text");
  stored.href = "/api/article/" + encodeURIComponent(hit.id);
  metaLine.append(" · ", stored);
  item.append(metaLine);
  if (hit.snippet) {
    const snippet = element("p", "snippet");
    snippet.append(highlighted(hit.snippet, hit.highlights));
    item.append(snippet);
  }
  return item;
}

function drawFacet(field, values, state) {
  const section = $("facet-" + field);
  const list = section.querySelector("ul");
  list.replaceChildren();
  const chosen = state.getAll(field);
  for (const { value, count } of values || []) {
    const button = element("button");
    button.type = "button";
    const pressed = chosen.some((c) => c.toLowerCase() === value.toLowerCase());
    button.setAttribute("aria-pressed", String(pressed));
    button.append(element("span", "value", value), element("span", "count", count.toLocaleString()));
    button.addEventListener("click", () => {
      const next = new URLSearchParams(state);
      const rest = next.getAll(field).filter((c) => c.toLowerCase() !== value.toLowerCase());
      next.delete(field);
      for (const kept of rest) next.append(field, kept);
      if (!pressed) next.append(field, value);
      changed(next);
    });
    const item = element("li");
    item.append(button);
    list.append(item);
  }
  section.hidden = list.children.length === 0;
}

function drawTimeline(values, state) {
  const timeline = $("timeline");
  timeline.replaceChildren();
  const buckets = values || [];
  $("timeline-section").hidden = buckets.length < 2 && !state.get("since");
  const most = Math.max(1, ...buckets.map((b) => b.count));
  for (const { value, count } of buckets) {
    const bar = element("button");
    bar.type = "button";
    bar.style.height = Math.max(4, Math.round((100 * count) / most)) + "%";
    bar.title = value + ": " + count.toLocaleString();
    bar.setAttribute("aria-label", value + ", " + count + " articles");
    const pressed = state.get("since") === value && state.get("until") === value;
    bar.setAttribute("aria-pressed", String(pressed));
    bar.addEventListener("click", () => {
      const next = new URLSearchParams(state);
      if (pressed) {
        next.delete("since");
        next.delete("until");
      } else {
        next.set("since", value);
        next.set("until", value);
      }
      changed(next);
    });
    timeline.append(bar);
  }
  $("timeline-range").textContent =
      buckets.length ? buckets[0].value + " – " + buckets[buckets.length - 1].value : "";
}

function drawActiveFilters(state) {
  const list = $("active-filters");
  list.replaceChildren();
  const add = (label, remove) => {
    const button = element("button", null, label + " ✕");
    button.type = "button";
    button.setAttribute("aria-label", "Remove filter " + label);
    button.addEventListener("click", () => {
      const next = new URLSearchParams(state);
      remove(next);
      changed(next);
    });
    const item = element("li");
    item.append(button);
    list.append(item);
  };
  for (const field of FILTER_FIELDS) {
    for (const value of state.getAll(field)) {
      add(field + ": " + value, (next) => {
        const rest = next.getAll(field).filter((v) => v !== value);
        next.delete(field);
        for (const kept of rest) next.append(field, kept);
      });
    }
  }
  if (state.get("since") || state.get("until")) {
    const since = state.get("since") || "…", until = state.get("until") || "…";
    add(since === until ? "date: " + since : "date: " + since + " – " + until, (next) => {
      next.delete("since");
      next.delete("until");
    });
  }
}

function drawSummary(result, state) {
  const total = result.total;
  const number = total.estimate.toLocaleString();
  const counted = total.exact ? number : "about " + number;
  const what = total.collapsed ? (total.estimate === 1 ? "story" : "stories")
                               : (total.estimate === 1 ? "article" : "articles");
  const q = state.get("q");
  $("summary").textContent = counted + " " + what + (q ? " for “" + q + "”" : "") +
      (total.collapsed && total.articles > total.estimate ? " (" + total.articles.toLocaleString() +
          " articles with copies)" : "");
  $("summary").dataset.total = String(total.estimate);

  const suggestion = $("suggestion");
  suggestion.replaceChildren();
  suggestion.hidden = !result.suggestion;
  if (result.suggestion) {
    const next = new URLSearchParams(state);
    next.set("q", result.suggestion);
    next.delete("offset");
    const link = element("a", null, result.suggestion);
    link.href = "/?" + next.toString();
    link.addEventListener("click", (event) => {
      event.preventDefault();
      navigate(next, false);
    });
    suggestion.append("Did you mean ", link, "?");
  }

  const warnings = $("warnings");
  warnings.replaceChildren(...(result.warnings || []).map((w) => element("li", null, w.message)));
  warnings.hidden = warnings.children.length === 0;
}

function drawPaging(result, state) {
  const offset = Number(state.get("offset") || 0);
  const total = result.total.estimate;
  const paging = $("paging");
  paging.hidden = total <= PAGE_SIZE;
  $("prev").disabled = offset <= 0;
  $("next").disabled = offset + PAGE_SIZE >= total;
  $("page").textContent = "Page " + (Math.floor(offset / PAGE_SIZE) + 1) + " of " +
      Math.max(1, Math.ceil(total / PAGE_SIZE)).toLocaleString();
  const go = (to) => {
    const next = new URLSearchParams(state);
    if (to > 0) next.set("offset", String(to));
    else next.delete("offset");
    navigate(next, false);
    $("results").focus({ preventScroll: true });
    window.scrollTo(0, 0);
  };
  $("prev").onclick = () => go(Math.max(0, offset - PAGE_SIZE));
  $("next").onclick = () => go(offset + PAGE_SIZE);
}

function apiParameters(state) {
  const params = new URLSearchParams();
  for (const [key, value] of state) {
    if (key === "sort" && value === "fresh") params.set("rank", "fresh");
    else params.append(key, value);
  }
  params.set("limit", String(PAGE_SIZE));
  for (const facet of FACETS) params.append("facet", facet);
  return params;
}

function fillForm(state) {
  $("q").value = state.get("q") || "";
  $("sort").value = state.get("rank") === "fresh" ? "fresh" : (state.get("sort") || "relevance");
  $("since").value = state.get("since") || "";
  $("until").value = state.get("until") || "";
  if (state.get("since") || state.get("until") || state.get("sort") || state.get("rank")) {
    $("options").open = true;
  }
}

async function render(state) {
  fillForm(state);
  document.title = (state.get("q") ? state.get("q") + " – " : "") + "newsdex search";
  const params = apiParameters(state);
  $("api-link").href = "/api/search?" + params.toString();
  if (pending) pending.abort();
  pending = new AbortController();
  document.body.setAttribute("aria-busy", "true");
  let result;
  try {
    const response = await fetch("/api/search?" + params.toString(), { signal: pending.signal });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
    result = body;
  } catch (error) {
    if (error.name === "AbortError") return;
    $("summary").textContent = "Search failed: " + error.message;
    delete $("summary").dataset.total;
    $("hits").replaceChildren();
    $("paging").hidden = true;
    document.body.removeAttribute("aria-busy");
    return;
  }
  drawSummary(result, state);
  drawActiveFilters(state);
  $("hits").replaceChildren(...result.hits.map(drawHit));
  for (const field of FILTER_FIELDS) drawFacet(field, result.facets[field], state);
  drawTimeline(result.facets["date:month"], state);
  drawPaging(result, state);
  document.body.removeAttribute("aria-busy");
  document.body.dataset.ready = "true";
}

function stateFromForm() {
  const state = stateFromLocation();
  const set = (key, value) => (value ? state.set(key, value) : state.delete(key));
  set("q", $("q").value.trim());
  const sort = $("sort").value;
  set("sort", sort === "newest" || sort === "oldest" ? sort : "");
  set("rank", sort === "fresh" ? "fresh" : "");
  set("since", $("since").value.trim());
  set("until", $("until").value.trim());
  return state;
}

document.addEventListener("DOMContentLoaded", () => {
  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    changed(stateFromForm());
  });
  $("sort").addEventListener("change", () => changed(stateFromForm()));
  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
    if (event.key === "/" && !typing) {
      event.preventDefault();
      $("q").focus();
      $("q").select();
    }
  });
  window.addEventListener("popstate", () => render(stateFromLocation()));
  render(stateFromLocation());
});
