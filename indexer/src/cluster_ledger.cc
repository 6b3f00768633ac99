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
// An Undo's `before` when the hash had no members.
constexpr std::uint64_t kAbsent = std::numeric_limits<std::uint64_t>::max();

std::uint64_t spread(std::uint64_t hash) {
  // The hashes are hashes already, but a table of a power-of-two size
  // takes their low bits: mix them all in.
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdULL;
  hash ^= hash >> 33;
  return hash;
}

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

ArticleSketch sketch_of(const Xapian::Document& doc, const Fingerprint& fp, std::uint64_t seq) {
  ArticleSketch sketch;
  sketch.seq = seq;
  sketch.fingerprint = fp;
  sketch.page = page_number(page_term_of(doc));
  // Built alone: its term names the cluster it would start.
  sketch.key = cluster_key_number(cluster_term_key_of(doc));
  return sketch;
}

// -- MemberTable ---------------------------------------------------------------

template <typename Key>
std::size_t MemberTable<Key>::slot_of(Key hash) const {
  const std::size_t mask = keys_.size() - 1;
  std::size_t slot = spread(hash) & mask;
  while (values_[slot] != 0 && keys_[slot] != hash) slot = (slot + 1) & mask;
  return slot;
}

template <typename Key>
std::optional<std::uint32_t> MemberTable<Key>::find(Key hash) const {
  if (keys_.empty()) return std::nullopt;
  const std::size_t slot = slot_of(hash);
  if (values_[slot] == 0) return std::nullopt;
  return values_[slot] - 1;
}

template <typename Key>
void MemberTable<Key>::set(Key hash, std::uint32_t members) {
  if ((size_ + 1) * 4 > keys_.size() * 3) grow();  // at most 3/4 full
  const std::size_t slot = slot_of(hash);
  if (values_[slot] == 0) {
    keys_[slot] = hash;
    ++size_;
  }
  values_[slot] = members + 1;
}

template <typename Key>
void MemberTable<Key>::erase(Key hash) {
  if (keys_.empty()) return;
  const std::size_t mask = keys_.size() - 1;
  std::size_t hole = slot_of(hash);
  if (values_[hole] == 0) return;
  values_[hole] = 0;
  --size_;
  // Linear probing: move back every later entry of the run that the hole
  // would cut off from its home slot.
  for (std::size_t next = (hole + 1) & mask; values_[next] != 0; next = (next + 1) & mask) {
    const std::size_t home = spread(keys_[next]) & mask;
    // It stays when its home lies after the hole, up to where it is.
    const bool stays = hole <= next ? (hole < home && home <= next) : (home > hole || home <= next);
    if (stays) continue;
    keys_[hole] = keys_[next];
    values_[hole] = values_[next];
    values_[next] = 0;
    hole = next;
  }
}

template <typename Key>
void MemberTable<Key>::grow() {
  std::vector<Key> keys = std::move(keys_);
  std::vector<std::uint32_t> values = std::move(values_);
  const std::size_t capacity = keys.empty() ? 1024 : keys.size() * 2;
  keys_.assign(capacity, 0);
  values_.assign(capacity, 0);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (values[i] == 0) continue;
    const std::size_t slot = slot_of(keys[i]);
    keys_[slot] = keys[i];
    values_[slot] = values[i];
  }
}

template class MemberTable<std::uint32_t>;
template class MemberTable<std::uint64_t>;

// -- ClusterLedger -------------------------------------------------------------

Fingerprint ClusterLedger::Entry::fingerprint() const {
  Fingerprint fp;
  fp.shingles = shingles;
  fp.mins = mins;
  return fp;
}

ClusterLedger::Entry& ClusterLedger::entry(std::uint64_t seq) {
  while (entries_.size() <= seq) entries_.emplace_back();
  return entries_[seq];
}

void ClusterLedger::supersede(std::uint64_t seq, std::uint64_t at) {
  const std::lock_guard<std::mutex> lock(mutex_);
  Entry& e = entry(seq);
  if (at >= e.superseded_at) return;
  undo_.push_back({Undo::Kind::kSupersede, at, seq, e.superseded_at});
  e.superseded_at = at;
}

void ClusterLedger::skip(std::uint64_t seq) {
  const std::lock_guard<std::mutex> lock(mutex_);
  entry(seq).state = State::kPublished;
  settle_ready();
}

void ClusterLedger::publish(ArticleSketch sketch) {
  const std::lock_guard<std::mutex> lock(mutex_);
  Entry& e = entry(sketch.seq);
  e.key = sketch.key;
  e.shingles = sketch.fingerprint.shingles;
  e.mins = sketch.fingerprint.mins;
  e.state = State::kPublished;
  if (!sketch.fingerprint.empty() || sketch.page != 0) {
    Hashes hashes{};
    if (!sketch.fingerprint.empty() && sketch.fingerprint.bands) {
      hashes.bands = *sketch.fingerprint.bands;
    } else {
      e.shingles = 0;  // without bands it cannot be found, so it finds nothing either
    }
    hashes.page = sketch.page;
    unsettled_[sketch.seq] = hashes;
  }
  settle_ready();
}

void ClusterLedger::settle_ready() {
  const std::uint64_t before = frontier_;
  while (frontier_ < entries_.size() && entries_[frontier_].state == State::kPublished) {
    if (unsettled_.count(frontier_) != 0) settle(static_cast<Place>(frontier_));
    entries_[frontier_].state = State::kSettled;
    ++frontier_;
  }
  if (frontier_ != before) settled_changed_.notify_all();
}

std::uint32_t ClusterLedger::joined_members(std::uint32_t members, Place place) {
  if ((members & kGroupBit) != 0) {
    const std::uint32_t group = members & ~kGroupBit;
    groups_[group].push_back(place);
    undo_.push_back({Undo::Kind::kGroupAppend, place, group, 0});
    return members;
  }
  const auto group = static_cast<std::uint32_t>(groups_.size());
  groups_.push_back({members, place});
  return group | kGroupBit;
}

void ClusterLedger::add_candidates(std::uint32_t members, Place place, bool same_page,
                                   std::vector<Xapian::docid>& candidates,
                                   std::vector<Xapian::docid>& pages) {
  // The earlier copies still in the index when this one comes, as the
  // first postings one writer would read (kMaxCandidatesPerBand).
  const auto consider = [&](Place other) {
    if (entries_[other].superseded_at <= place) return false;
    candidates.push_back(other);
    if (same_page) pages.push_back(other);
    return true;
  };
  if ((members & kGroupBit) == 0) {
    consider(members);
    return;
  }
  std::size_t taken = 0;
  for (Place other : groups_[members & ~kGroupBit]) {
    if (taken == kMaxCandidatesPerBand) break;
    taken += consider(other) ? 1 : 0;
  }
}

void ClusterLedger::settle(Place place) {
  const auto found = unsettled_.find(place);
  const Hashes hashes = found->second;
  unsettled_.erase(found);
  Entry& article = entries_[place];
  std::vector<Xapian::docid> candidates;  // places, as closest_cluster takes them
  std::vector<Xapian::docid> same_page;
  // Look every hash up and enter the article under it, in one go.
  const auto enter = [&](auto& table, auto hash, Undo::Kind kind, std::uint64_t target, bool page) {
    const std::optional<std::uint32_t> members = table.find(hash);
    if (!members) {
      table.set(hash, place);
      undo_.push_back({kind, place, target, kAbsent});
      return;
    }
    const std::uint32_t before = *members;
    add_candidates(before, place, page, candidates, same_page);
    const std::uint32_t after = joined_members(before, place);
    if (after != before) {
      table.set(hash, after);
      undo_.push_back({kind, place, target, before});
    }
  };
  if (article.shingles != 0) {
    for (std::size_t band = 0; band < Fingerprint::kBands; ++band) {
      const std::uint32_t hash = hashes.bands[band];
      enter(bands_[band], hash, Undo::Kind::kBand, (std::uint64_t{band} << 32) | hash, false);
    }
  }
  if (hashes.page != 0) enter(pages_, hashes.page, Undo::Kind::kPage, hashes.page, true);
  if (candidates.empty()) return;
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::sort(same_page.begin(), same_page.end());
  const auto choice = closest_cluster(
      article.fingerprint(), candidates,
      [&](Xapian::docid other) -> std::optional<ClusterCandidate> {
        const Entry& e = entries_[other];
        return ClusterCandidate{e.fingerprint(),
                                CandidateKey{cluster_key_text(e.key), e.change != Change::kNone},
                                std::binary_search(same_page.begin(), same_page.end(), other)};
      });
  if (!choice) return;
  article.key = cluster_key_number(choice->key);
  article.change = Change::kKey;
  if (article.written) touched_.push_back(place);  // written alone
  if (choice->starter) {
    Entry& starter = entries_[*choice->starter];
    undo_.push_back({Undo::Kind::kStarter, place, *choice->starter,
                     static_cast<std::uint64_t>(starter.change)});
    starter.change = Change::kValue;
    touched_.push_back(*choice->starter);
  }
}

bool ClusterLedger::settled(std::uint64_t seq) const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return seq < frontier_;
}

Settlement ClusterLedger::settlement_of(const Entry& e) const {
  return Settlement{cluster_key_text(e.key), e.change == Change::kKey, e.change != Change::kNone};
}

Settlement ClusterLedger::settlement(std::uint64_t seq) const {
  std::unique_lock<std::mutex> lock(mutex_);
  settled_changed_.wait(lock, [&] { return seq < frontier_ || abandoned_; });
  if (seq >= frontier_) std::rethrow_exception(abandoned_);
  return settlement_of(entries_[seq]);
}

void ClusterLedger::abandon(std::exception_ptr cause) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!abandoned_) abandoned_ = std::move(cause);
  settled_changed_.notify_all();
}

void ClusterLedger::written(std::uint64_t seq, std::uint32_t writer, std::uint32_t segment,
                            Xapian::docid docid, bool valued, bool joined) {
  const std::lock_guard<std::mutex> lock(mutex_);
  Entry& e = entry(seq);
  e.written = true;
  e.written_valued = valued;
  e.written_joined = joined;
  if (joined != (e.change == Change::kKey) || valued != (e.change != Change::kNone)) {
    touched_.push_back(static_cast<Place>(seq));
  }
  e.writer = writer;
  e.segment = segment;
  e.docid = docid;
}

void ClusterLedger::keep_before(std::uint64_t seq) {
  const std::lock_guard<std::mutex> lock(mutex_);
  undo_.erase(std::remove_if(undo_.begin(), undo_.end(),
                             [seq](const Undo& undo) { return undo.seq < seq; }),
              undo_.end());
}

void ClusterLedger::discard_from(std::uint64_t seq) {
  const std::lock_guard<std::mutex> lock(mutex_);
  // Newest first: a group's members were appended in input order.
  for (auto undo = undo_.rbegin(); undo != undo_.rend(); ++undo) {
    if (undo->seq < seq) continue;
    switch (undo->kind) {
      case Undo::Kind::kBand: {
        auto& table = bands_[undo->target >> 32];
        const auto hash = static_cast<std::uint32_t>(undo->target);
        if (undo->before == kAbsent) {
          table.erase(hash);
        } else {
          table.set(hash, static_cast<std::uint32_t>(undo->before));
        }
        break;
      }
      case Undo::Kind::kPage:
        if (undo->before == kAbsent) {
          pages_.erase(undo->target);
        } else {
          pages_.set(undo->target, static_cast<std::uint32_t>(undo->before));
        }
        break;
      case Undo::Kind::kGroupAppend:
        groups_[undo->target].pop_back();
        break;
      case Undo::Kind::kStarter:
        entries_[undo->target].change = static_cast<Change>(undo->before);
        touched_.push_back(static_cast<Place>(undo->target));
        break;
      case Undo::Kind::kSupersede:
        entries_[undo->target].superseded_at = undo->before;
        break;
    }
  }
  undo_.erase(std::remove_if(undo_.begin(), undo_.end(),
                             [seq](const Undo& undo) { return undo.seq >= seq; }),
              undo_.end());
  for (std::uint64_t s = seq; s < entries_.size(); ++s) {
    entries_[s] = Entry{};
    entries_[s].state = State::kSettled;  // nothing there
  }
  for (auto it = unsettled_.begin(); it != unsettled_.end();) {
    it = it->first >= seq ? unsettled_.erase(it) : std::next(it);
  }
  frontier_ = std::max<std::uint64_t>(frontier_, entries_.size());
  settled_changed_.notify_all();
}

std::vector<ClusterChange> ClusterLedger::take_changes() {
  const std::lock_guard<std::mutex> lock(mutex_);
  std::sort(touched_.begin(), touched_.end());
  touched_.erase(std::unique(touched_.begin(), touched_.end()), touched_.end());
  std::vector<ClusterChange> changes;
  for (const Place place : touched_) {
    Entry& e = entries_[place];
    // Not written yet: it will be, as it is settled by then.
    if (!e.written || e.superseded_at != kNever) continue;
    const bool valued = e.change != Change::kNone;
    const bool joined = e.change == Change::kKey;
    if (valued == e.written_valued && joined == e.written_joined) continue;
    changes.push_back(ClusterChange{e.writer, e.segment, e.docid,
                                    valued ? cluster_key_text(e.key) : "",
                                    joined != e.written_joined});
    e.written_valued = valued;
    e.written_joined = joined;
  }
  touched_.clear();
  return changes;
}

}  // namespace newsdex::indexer
