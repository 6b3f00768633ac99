#include "cluster_ledger.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

#include "newsdex/common/schema.h"

namespace newsdex::indexer {
namespace {

constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();

// Articles are named by their place in the seq-sorted sketches.
using Place = std::uint32_t;

// The groups of two or more articles sharing one band or one page, and,
// for each article in a group, which groups it is in.
struct SharedGroups {
  std::vector<std::vector<Place>> members;                  // in input order
  std::vector<bool> is_page;                                // per group
  std::vector<std::pair<Place, std::uint32_t>> of_article;  // (article, group), sorted

  // Adds a group for every run of two or more equal hashes in `keyed`.
  void add_runs(std::vector<std::pair<std::uint64_t, Place>>& keyed, bool page) {
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t begin = 0; begin < keyed.size();) {
      std::size_t end = begin + 1;
      while (end < keyed.size() && keyed[end].first == keyed[begin].first) ++end;
      if (end - begin >= 2) {
        const auto group = static_cast<std::uint32_t>(members.size());
        std::vector<Place>& places = members.emplace_back();
        for (std::size_t i = begin; i < end; ++i) {
          places.push_back(keyed[i].second);
          of_article.emplace_back(keyed[i].second, group);
        }
        is_page.push_back(page);
      }
      begin = end;
    }
    keyed.clear();
  }
};

}  // namespace

std::uint64_t cluster_key_number(std::string_view key) {
  std::uint64_t number = 0;
  std::from_chars(key.data(), key.data() + key.size(), number, 16);
  return number;
}

std::string cluster_key_text(std::uint64_t key) {
  std::string text(16, '0');
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i, key >>= 4) text[static_cast<std::size_t>(i)] = kDigits[key & 0xf];
  return text;
}

std::uint64_t page_number(std::string_view page_term) {
  if (page_term.size() <= schema::kPagePrefix.size()) return 0;
  return cluster_key_number(page_term.substr(schema::kPagePrefix.size()));
}

void ClusterLedger::add(std::vector<ArticleSketch> sketches) {
  if (sketches_.empty()) {
    sketches_ = std::move(sketches);
  } else {
    sketches_.insert(sketches_.end(), std::make_move_iterator(sketches.begin()),
                     std::make_move_iterator(sketches.end()));
  }
}

void ClusterLedger::supersede(std::uint64_t seq, std::uint64_t at) {
  supersessions_.emplace_back(seq, at);
}

std::vector<ClusterChange> ClusterLedger::settle() {
  std::sort(sketches_.begin(), sketches_.end(),
            [](const ArticleSketch& a, const ArticleSketch& b) { return a.seq < b.seq; });
  const std::size_t count = sketches_.size();
  const auto place_of = [this](std::uint64_t seq) -> std::optional<Place> {
    const auto found = std::lower_bound(
        sketches_.begin(), sketches_.end(), seq,
        [](const ArticleSketch& sketch, std::uint64_t s) { return sketch.seq < s; });
    if (found == sketches_.end() || found->seq != seq) return std::nullopt;
    return static_cast<Place>(found - sketches_.begin());
  };
  std::vector<std::uint64_t> superseded_at(count, kNever);
  for (const auto& [seq, at] : supersessions_) {
    if (const auto place = place_of(seq)) {
      superseded_at[*place] = std::min(superseded_at[*place], at);
    }
  }

  // Nearly every band belongs to one article only; an article none of
  // whose bands or page is shared has no candidate, and is skipped.
  SharedGroups groups;
  std::vector<std::pair<std::uint64_t, Place>> hashed;
  hashed.reserve(count);
  for (std::size_t band = 0; band < Fingerprint::kBands; ++band) {
    for (Place place = 0; place < count; ++place) {
      const Fingerprint& fp = sketches_[place].fingerprint;
      if (!fp.empty() && fp.bands) hashed.emplace_back((*fp.bands)[band], place);
    }
    groups.add_runs(hashed, false);
  }
  for (Place place = 0; place < count; ++place) {
    if (sketches_[place].page != 0) hashed.emplace_back(sketches_[place].page, place);
  }
  groups.add_runs(hashed, true);
  std::sort(groups.of_article.begin(), groups.of_article.end());

  // Every article was written alone (its own key's term, no value); one
  // that joins a cluster takes its key, one that a later copy joins gets
  // the value of its own.
  std::vector<std::uint64_t> keys(count);
  for (Place place = 0; place < count; ++place) keys[place] = sketches_[place].key;
  // What each article's document must get.
  enum class Change : std::uint8_t { kNone, kValue, kKey };  // kKey: term and value
  std::vector<Change> change(count, Change::kNone);
  std::vector<Xapian::docid> candidates;  // places, as closest_cluster takes them
  std::vector<Xapian::docid> same_page;
  const auto& of_article = groups.of_article;
  for (std::size_t at = 0; at < of_article.size();) {
    const Place article = of_article[at].first;
    const std::uint64_t seq = sketches_[article].seq;
    candidates.clear();
    same_page.clear();
    for (; at < of_article.size() && of_article[at].first == article; ++at) {
      const std::uint32_t group = of_article[at].second;
      // The earlier copies still in the index when this one was added, as
      // the first postings one writer would have read.
      std::size_t taken = 0;
      for (Place other : groups.members[group]) {
        if (other >= article || taken == kMaxCandidatesPerBand) break;
        if (superseded_at[other] <= seq) continue;
        candidates.push_back(other);
        if (groups.is_page[group]) same_page.push_back(other);
        ++taken;
      }
    }
    if (candidates.empty()) continue;
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    std::sort(same_page.begin(), same_page.end());
    const auto choice = closest_cluster(
        sketches_[article].fingerprint, candidates,
        [&](Xapian::docid other) -> std::optional<ClusterCandidate> {
          return ClusterCandidate{
              sketches_[other].fingerprint,
              CandidateKey{cluster_key_text(keys[other]), change[other] != Change::kNone},
              std::binary_search(same_page.begin(), same_page.end(), other)};
        });
    if (!choice) continue;
    keys[article] = cluster_key_number(choice->key);
    change[article] = Change::kKey;
    if (choice->starter) change[*choice->starter] = Change::kValue;
  }

  std::vector<ClusterChange> changes;
  for (Place place = 0; place < count; ++place) {
    const ArticleSketch& sketch = sketches_[place];
    if (superseded_at[place] != kNever) continue;
    if (!sketch.held && change[place] == Change::kNone) continue;
    if (sketch.writer == ArticleSketch::kNoWriter) continue;  // another shard's
    ClusterChange::Kind kind = ClusterChange::Kind::kAlone;
    if (change[place] == Change::kKey) kind = ClusterChange::Kind::kJoin;
    if (change[place] == Change::kValue) kind = ClusterChange::Kind::kStart;
    changes.push_back(ClusterChange{sketch.writer, sketch.segment, sketch.docid,
                                    cluster_key_text(keys[place]), kind, sketch.held});
  }
  return changes;
}

}  // namespace newsdex::indexer
