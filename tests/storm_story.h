// storm_story.h — one short wire story and a way to make dated articles,
// shared by the tests of near-duplicates, collapsing and related articles
// (each makes its copies of the story the way reprints are made).
#pragma once

#include <string>
#include <vector>

#include "newsdex/common/article.h"
#include "newsdex/common/date.h"

namespace newsdex::testing {

/// Two paragraphs, long enough to be fingerprinted as a full text.
inline const std::string kStormStory =
    "A storm closed both container terminals at Pine Harbour on Monday, stranding dozens of "
    "ships at anchor and forcing the port authority to suspend pilot services until the wind "
    "drops. Officials said the terminals could reopen on Wednesday if the forecast held.\n\n"
    "Shipping lines warned customers of delays of up to a week, and truck drivers queued for "
    "hours on the approach roads before being turned away by the police.";

/// An English article published at `published` (ISO 8601).
inline Article dated_article(std::string id, std::string source, std::string title,
                             std::string body, const std::string& published) {
  Article a;
  a.id = std::move(id);
  a.source = std::move(source);
  a.title = std::move(title);
  a.body = std::move(body);
  a.published = parse_iso8601(published);
  a.language = "en";
  return a;
}

/// The story as three copies a duplicate cluster holds: the wire's own, a
/// reprint under a new headline with a dateline, and one with a credit line.
inline std::vector<Article> storm_copies() {
  return {dated_article("wire", "Global Wire", "Storm closes Pine Harbour terminals", kStormStory,
                        "2024-03-04T08:00:00Z"),
          dated_article("herald", "Coastal Herald", "Ships stranded as storm shuts port",
                        "PINE HARBOUR (Global Wire) - " + kStormStory, "2024-03-04T12:00:00Z"),
          dated_article("courier", "Daily Courier", "Port closed by storm",
                        kStormStory + "\n\n(Reporting by Ana Ruiz; Editing by Tom Hale)",
                        "2024-03-05T09:00:00Z")};
}

/// Another story about the same storm: related, never a copy.
inline Article storm_fishermen() {
  return dated_article("fishermen", "Harbour Times", "Fishermen count the cost of the storm",
                       "Fishermen at Pine Harbour said the storm had wrecked nets and pots worth "
                       "thousands of pounds, and that boats would stay ashore until the port "
                       "reopens. The harbour master promised help with repairs.",
                       "2024-03-05T15:00:00Z");
}

/// A story that has nothing to do with the storm.
inline Article unrelated_rates() {
  return dated_article("rates", "Market Ledger", "Central bank holds rates",
                       "The central bank kept interest rates on hold on Thursday, saying that "
                       "inflation was falling faster than it had expected in the autumn.",
                       "2024-03-07T12:00:00Z");
}

}  // namespace newsdex::testing
