// storm_story.h — one short wire story and a way to make dated articles,
// shared by the tests of near-duplicates, collapsing and related articles
// (each makes its copies of the story the way reprints are made).
#pragma once

#include <string>

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

}  // namespace newsdex::testing
