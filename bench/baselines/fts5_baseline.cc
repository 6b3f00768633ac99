// fts5-baseline: SQLite FTS5 as the documentation suggests using it, the
// second reference for newsdex's ranking: Porter stemming over unicode61
// tokens, a natural-language query turned into an OR of its words, bm25()
// with the title weighted 2 and the body 1. Also the SQLite FTS5 system of
// bench/run: source and day are stored (UNINDEXED) columns; its harness asks
// for snippet() and counts by source and month with GROUP BY.
//
//   fts5-baseline index DB DOCS.jsonl
//   fts5-baseline search DB QUERIES.tsv DEPTH TAG > RUN
//   fts5-baseline bench DB WORKLOAD plain|full
//   fts5-baseline compact DB        (FTS5 'optimize', then VACUUM)
#include <sqlite3.h>

#include <cctype>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "baseline_io.h"
#include "workload.h"

namespace {

struct CloseDatabase {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct FinalizeStatement {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Database = std::unique_ptr<sqlite3, CloseDatabase>;
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  throw std::runtime_error(what + ": " + sqlite3_errmsg(db));
}

Database open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int status = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Database db(raw);  // sqlite3_open_v2 allocates a handle even when it fails
  if (status != SQLITE_OK) fail(db.get(), path);
  return db;
}

void execute(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(db, sql);
}

Statement prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) fail(db, sql);
  return Statement(raw);
}

// A null destructor is SQLITE_STATIC (whose macro is an old-style cast): the
// strings bound below outlive the statement's step.
void bind_text(sqlite3_stmt* statement, int column, const std::string& text) {
  sqlite3_bind_text(statement, column, text.data(), static_cast<int>(text.size()), nullptr);
}

void index_articles(const std::string& db_path, const std::string& docs_path) {
  const Database db = open(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  // Indexing again starts afresh instead of adding every article twice.
  execute(db.get(), "DROP TABLE IF EXISTS docs");
  execute(db.get(),
          "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, source UNINDEXED, "
          "day UNINDEXED, tokenize='porter unicode61')");
  // One transaction: SQLite would otherwise sync the file after every insert.
  execute(db.get(), "BEGIN");
  const Statement insert =
      prepare(db.get(), "INSERT INTO docs(id, title, body, source, day) VALUES(?, ?, ?, ?, ?)");
  baseline::for_each_article(docs_path, [&](const baseline::Article& article) {
    bind_text(insert.get(), 1, article.id);
    bind_text(insert.get(), 2, article.title);
    bind_text(insert.get(), 3, article.body);
    bind_text(insert.get(), 4, article.source);
    const std::string day = baseline::day_of(article.published);
    bind_text(insert.get(), 5, day);
    if (sqlite3_step(insert.get()) != SQLITE_DONE) fail(db.get(), "insert " + article.id);
    sqlite3_reset(insert.get());
  });
  execute(db.get(), "COMMIT");
}

// Natural language is not FTS5 query syntax ("?", "-", ":" and bare AND/OR/NOT
// mean something there), so keep only the words, each as a quoted string,
// OR-ed. Bytes of multi-byte UTF-8 count as letters, leaving non-ASCII words
// whole for the unicode61 tokenizer.
std::string to_fts5_query(const std::string& text) {
  std::string query, word;
  const auto flush = [&] {
    if (word.empty()) return;
    query += (query.empty() ? "\"" : " OR \"") + word + '"';
    word.clear();
  };
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || byte >= 0x80) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  return query;
}

void search_queries(const std::string& db_path, const std::vector<baseline::Query>& queries,
                    std::size_t depth, const std::string& tag) {
  const Database db = open(db_path, SQLITE_OPEN_READONLY);
  // bm25() is lower-is-better; weights per column: id 0, title 2, body 1, source and day 0.
  const Statement select =
      prepare(db.get(),
              "SELECT id, bm25(docs, 0.0, 2.0, 1.0, 0.0, 0.0) AS score FROM docs "
              "WHERE docs MATCH ? ORDER BY score LIMIT ?");
  baseline::prepare_run_output(std::cout);
  for (const baseline::Query& query : queries) {
    const std::string match = to_fts5_query(query.text);
    if (match.empty()) {
      std::cerr << "fts5-baseline: query " << query.id << ": no words, skipped\n";
      continue;
    }
    bind_text(select.get(), 1, match);
    sqlite3_bind_int64(select.get(), 2, static_cast<sqlite3_int64>(depth));
    std::size_t rank = 0;
    int status;
    while ((status = sqlite3_step(select.get())) == SQLITE_ROW) {
      const auto* id = reinterpret_cast<const char*>(sqlite3_column_text(select.get(), 0));
      baseline::print_result(std::cout, query.id, id, ++rank,
                             -sqlite3_column_double(select.get(), 1), tag);
    }
    if (status != SQLITE_DONE) fail(db.get(), "query " + query.id);
    if (rank == 0) std::cerr << "fts5-baseline: query " << query.id << ": no results\n";
    sqlite3_reset(select.get());
  }
}

void compact(const std::string& db_path) {
  const Database db = open(db_path, SQLITE_OPEN_READWRITE);
  execute(db.get(), "INSERT INTO docs(docs) VALUES('optimize')");
  execute(db.get(), "VACUUM");
}

// The MATCH expression for one workload query: words AND-ed, a phrase quoted.
std::string match_expression(const workload::Query& query) {
  std::string words;
  for (const std::string& word : query.words) {
    words += (words.empty() ? "" : query.query_class == "phrase" ? " " : "\" AND \"") + word;
  }
  return '"' + words + '"';
}

void bench_workload(const std::string& db_path, const std::string& workload_path,
                    const std::string& mode_name) {
  const workload::Mode mode = workload::parse_mode(mode_name);
  const auto by_class = workload::read_workload(workload_path);
  const Database db = open(db_path, SQLITE_OPEN_READONLY);
  // Two forms of each statement: without and with the date filter (?2, ?3).
  const auto statement = [&](const std::string& head, const std::string& tail) {
    std::vector<Statement> forms;
    forms.push_back(prepare(db.get(), (head + " WHERE docs MATCH ?1 " + tail).c_str()));
    forms.push_back(prepare(
        db.get(), (head + " WHERE docs MATCH ?1 AND day BETWEEN ?2 AND ?3 " + tail).c_str()));
    return forms;
  };
  const std::string rank = " ORDER BY bm25(docs, 0.0, 2.0, 1.0, 0.0, 0.0) LIMIT 10";
  auto top =
      mode == workload::Mode::kPlain
          ? statement("SELECT id FROM docs", rank)
          : statement("SELECT id, snippet(docs, 2, '<b>', '</b>', '...', 32) FROM docs", rank);
  auto by_source =
      statement("SELECT source, count(*) FROM docs", "GROUP BY source ORDER BY 2 DESC LIMIT 10");
  auto by_month = statement("SELECT substr(day, 1, 6), count(*) FROM docs", "GROUP BY 1");
  std::size_t sink = 0;  // keeps the rows' text from being optimised away
  // Runs one statement to the end, returning the sum of column `count_column`
  // (or -1 for none) over its rows.
  const auto run = [&](sqlite3_stmt* select, const workload::Query& query, int count_column) {
    const std::string match = match_expression(query);
    const std::string since = workload::compact_date(query.since);
    const std::string until = workload::compact_date(query.until);
    bind_text(select, 1, match);
    if (query.query_class == "date") {
      bind_text(select, 2, since);
      bind_text(select, 3, until);
    }
    std::size_t counted = 0;
    int status;
    while ((status = sqlite3_step(select)) == SQLITE_ROW) {
      sink += static_cast<std::size_t>(sqlite3_column_bytes(select, 0) +
                                       sqlite3_column_bytes(select, 1));
      if (count_column >= 0) {
        counted += static_cast<std::size_t>(sqlite3_column_int64(select, count_column));
      }
    }
    if (status != SQLITE_DONE) fail(db.get(), "query " + match);
    sqlite3_reset(select);
    return counted;
  };
  workload::time_classes(by_class, [&](const workload::Query& query) -> std::size_t {
    const std::size_t form = query.query_class == "date" ? 1 : 0;
    run(top[form].get(), query, -1);
    if (mode == workload::Mode::kPlain) return 0;  // FTS5 does not count matches for a top 10
    run(by_source[form].get(), query, 1);
    return run(by_month[form].get(), query, 1);
  });
  if (sink == 0) std::cerr << "fts5-baseline: no query matched anything\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "compact") {
    try {
      compact(argv[2]);
      return 0;
    } catch (const std::exception& e) {
      std::cerr << argv[0] << ": error: " << e.what() << '\n';
      return 1;
    }
  }
  return baseline::run_main(argc, argv, index_articles, search_queries, bench_workload);
}
