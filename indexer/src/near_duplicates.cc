#include "near_duplicates.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "canonical_url.h"
#include "fnv1a.h"
#include "mix64.h"
#include "newsdex/common/schema.h"

namespace newsdex::indexer {
namespace {

// A pair of articles is one story when both hold (set against the
// labelled set and the false merges of lower values on Reuters' templated
// notices, docs/news.md): the shingle sets overlap
// enough overall, and the smaller text is mostly inside the larger (so a
// reprint cut to half still joins, while two reports of one event, which
// share names and quotes but few runs of three words, do not).
constexpr double kMinResemblance = 0.3;
constexpr double kMinContainment = 0.7;
// Short texts built on a template (Reuters' "Qtly div 15 cts vs 15 cts
// prior" notices, "X renewed for season 2" headlines) share most of their
// shingles while naming different companies or shows; they must be nearly
// identical to count as copies.
constexpr double kMinShortResemblance = 0.8;

constexpr std::size_t kEncodedSize = 4 + Fingerprint::kHashes;

// The chance that two different min-hashes agree in their stored low bits.
constexpr double kAccidentalMatch = 1.0 / 256;

void put_le(std::string& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

std::uint64_t get_le(std::string_view in, std::size_t at, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) {
    value |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
  }
  return value;
}

// The first of a document's terms that starts with `prefix`, or empty
// (terms sort, so it is where the term list skips to).
std::string first_term_with_prefix(const Xapian::Document& doc, std::string_view prefix) {
  auto term = doc.termlist_begin();
  term.skip_to(std::string(prefix));
  if (term == doc.termlist_end() || (*term).compare(0, prefix.size(), prefix) != 0) return {};
  return *term;
}

std::string hex(std::uint64_t value, int digits) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%0*llx", digits, static_cast<unsigned long long>(value));
  return buffer;
}

}  // namespace

Fingerprint Fingerprint::of_words(const std::vector<std::string_view>& words) {
  Fingerprint fp;
  if (words.size() < kShingleWords) return fp;
  std::vector<std::uint64_t> word_hashes;
  word_hashes.reserve(words.size());
  for (std::string_view word : words) word_hashes.push_back(internal::fnv1a(word));
  std::vector<std::uint64_t> shingles;
  shingles.reserve(words.size());
  for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    std::uint64_t h = 0;
    for (std::size_t j = 0; j < kShingleWords; ++j) h = mix64(h ^ word_hashes[i + j]);
    shingles.push_back(h);
  }
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  if (shingles.size() < kMinShingles) return fp;

  std::array<std::uint64_t, kHashes> mins;
  mins.fill(std::numeric_limits<std::uint64_t>::max());
  for (std::uint64_t shingle : shingles) {
    for (std::size_t i = 0; i < kHashes; ++i) {
      // Hash function i: the shingle hash mixed with a per-function seed.
      mins[i] = std::min(mins[i], mix64(shingle ^ (0x9e3779b97f4a7c15ULL * (i + 1))));
    }
  }
  fp.shingles = static_cast<std::uint32_t>(
      std::min<std::size_t>(shingles.size(), std::numeric_limits<std::uint32_t>::max()));
  for (std::size_t i = 0; i < kHashes; ++i) fp.mins[i] = static_cast<std::uint8_t>(mins[i]);
  fp.bands.emplace();
  for (std::size_t band = 0; band < kBands; ++band) {
    std::uint64_t h = band;
    for (std::size_t row = 0; row < kRowsPerBand; ++row)
      h = mix64(h ^ mins[band * kRowsPerBand + row]);
    (*fp.bands)[band] = static_cast<std::uint32_t>(h);
  }
  return fp;
}

std::string Fingerprint::encode() const {
  std::string out;
  out.reserve(kEncodedSize);
  put_le(out, shingles, 4);
  for (std::uint8_t m : mins) out.push_back(static_cast<char>(m));
  return out;
}

std::optional<Fingerprint> Fingerprint::decode(std::string_view value) {
  if (value.size() != kEncodedSize) return std::nullopt;
  Fingerprint fp;
  fp.shingles = static_cast<std::uint32_t>(get_le(value, 0, 4));
  for (std::size_t i = 0; i < kHashes; ++i) fp.mins[i] = static_cast<std::uint8_t>(value[4 + i]);
  return fp;
}

std::vector<std::string> Fingerprint::band_terms() const {
  std::vector<std::string> terms;
  if (empty() || !bands) return terms;
  terms.reserve(kBands);
  for (std::size_t band = 0; band < kBands; ++band) {
    terms.push_back(std::string(schema::kDuplicateBandPrefix) + hex(band, 1) +
                    hex((*bands)[band], 8));
  }
  return terms;
}

std::vector<std::string> band_terms_of(const Xapian::Document& doc) {
  std::vector<std::string> terms;
  const std::string prefix(schema::kDuplicateBandPrefix);
  auto term = doc.termlist_begin();
  for (term.skip_to(prefix); term != doc.termlist_end(); ++term) {
    if ((*term).compare(0, prefix.size(), prefix) != 0) break;
    terms.push_back(*term);
  }
  return terms;
}

double resemblance(const Fingerprint& a, const Fingerprint& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t equal = 0;
  for (std::size_t i = 0; i < Fingerprint::kHashes; ++i) equal += a.mins[i] == b.mins[i];
  // A share r of equal stored bytes means J + (1 - J) / 256 = r.
  const double share = static_cast<double>(equal) / Fingerprint::kHashes;
  return std::max(0.0, (share - kAccidentalMatch) / (1 - kAccidentalMatch));
}

bool same_story(const Fingerprint& a, const Fingerprint& b) {
  const double j = resemblance(a, b);
  if (std::min(a.shingles, b.shingles) < Fingerprint::kShortShingles) {
    return j >= kMinShortResemblance;
  }
  if (j < kMinResemblance) return false;
  // |A ∩ B| = J (|A| + |B|) / (1 + J), so the share of the smaller set
  // found in the larger follows from J and the two sizes.
  const double common = j * (static_cast<double>(a.shingles) + b.shingles) / (1 + j);
  return common / std::min(a.shingles, b.shingles) >= kMinContainment;
}

std::string new_cluster_key(std::string_view id_term, const Fingerprint& fp) {
  std::string material(id_term);
  material.push_back('\0');
  if (!fp.empty()) material += fp.encode();
  return hex(internal::fnv1a(material), 16);
}

void set_cluster_key(Xapian::Document& doc, const std::string& key) {
  const std::string old = cluster_term_key_of(doc);
  if (old != key) {
    if (!old.empty()) doc.remove_term(std::string(schema::kClusterPrefix) + old);
    doc.add_boolean_term(std::string(schema::kClusterPrefix) + key);
  }
  set_cluster_value(doc, key);
}

void set_cluster_value(Xapian::Document& doc, const std::string& key) {
  const std::string value = schema::cluster_value(key);
  if (doc.get_value(schema::kSlotCluster) != value) doc.add_value(schema::kSlotCluster, value);
}

std::string cluster_term_key_of(const Xapian::Document& doc) {
  const std::string term = first_term_with_prefix(doc, schema::kClusterPrefix);
  return term.empty() ? term : term.substr(schema::kClusterPrefix.size());
}

CandidateKey candidate_key_of(const Xapian::Document& doc) {
  std::string key = schema::cluster_key(doc.get_value(schema::kSlotCluster));
  if (!key.empty()) return {std::move(key), true};
  return {cluster_term_key_of(doc), false};
}

std::string page_term(std::string_view url) {
  const std::string page = canonical_article_url(url);
  if (page.empty()) return {};
  return std::string(schema::kPagePrefix) + hex(internal::fnv1a(page), 16);
}

std::string page_term_of(const Xapian::Document& doc) {
  return first_term_with_prefix(doc, schema::kPagePrefix);
}

std::optional<ClusterChoice> closest_cluster(
    const Fingerprint& fp, const std::vector<Xapian::docid>& candidates,
    const std::function<std::optional<ClusterCandidate>(Xapian::docid)>& candidate) {
  // Above any resemblance (at most 1).
  constexpr double kSamePage = 2;
  std::optional<ClusterChoice> best_choice;
  double best = -1;
  for (Xapian::docid did : candidates) {
    const std::optional<ClusterCandidate> other = candidate(did);
    if (!other) continue;
    double r;
    if (other->same_page) {
      r = kSamePage;
    } else if (!fp.empty() && !other->fingerprint.empty() && same_story(fp, other->fingerprint)) {
      r = resemblance(fp, other->fingerprint);
    } else {
      continue;
    }
    if (r > best || (r == best && other->key.key < best_choice->key)) {
      best = r;
      best_choice = ClusterChoice{other->key.key, std::nullopt};
      if (!other->key.keyed) best_choice->starter = did;
    }
  }
  return best_choice;
}

std::optional<ClusterChoice> find_cluster(
    const Xapian::Database& db, const Fingerprint& fp, const std::vector<std::string>& bands,
    const std::string& page,
    const std::function<std::optional<CandidateKey>(Xapian::docid, const Xapian::Document&)>&
        eligible) {
  std::vector<Xapian::docid> candidates;
  const auto read_postings = [&](const std::string& term) {
    std::size_t read = 0;
    for (auto it = db.postlist_begin(term);
         it != db.postlist_end(term) && read < kMaxCandidatesPerBand; ++it, ++read) {
      candidates.push_back(*it);
    }
  };
  for (const std::string& term : bands) read_postings(term);
  const std::size_t by_text = candidates.size();
  if (!page.empty()) read_postings(page);
  std::vector<Xapian::docid> same_page(candidates.begin() + by_text, candidates.end());
  std::sort(same_page.begin(), same_page.end());
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  return closest_cluster(fp, candidates, [&](Xapian::docid did) -> std::optional<ClusterCandidate> {
    const Xapian::Document doc = db.get_document(did);
    std::optional<CandidateKey> key = eligible(did, doc);
    if (!key) return std::nullopt;
    ClusterCandidate other;
    other.fingerprint =
        Fingerprint::decode(doc.get_value(schema::kSlotFingerprint)).value_or(Fingerprint{});
    other.key = std::move(*key);
    other.same_page = std::binary_search(same_page.begin(), same_page.end(), did);
    return other;
  });
}

}  // namespace newsdex::indexer
