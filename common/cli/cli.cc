#include "cli.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "newsdex/common/error.h"
#include "newsdex/common/version.h"

namespace newsdex::cli {

int run_tool(std::string_view tool_name, const std::function<int()>& body) {
  try {
    return body();
  } catch (const UsageError& e) {
    std::cerr << tool_name << ": " << e.what() << "\n"
              << "Try '" << tool_name << " --help' for more information.\n";
    return kExitUsage;
  } catch (const boost::program_options::error& e) {
    std::cerr << tool_name << ": " << e.what() << "\n"
              << "Try '" << tool_name << " --help' for more information.\n";
    return kExitUsage;
  } catch (const newsdex::ConfigError& e) {
    // Invalid settings come from the command line: a usage error.
    std::cerr << tool_name << ": " << e.what() << "\n";
    return kExitUsage;
  } catch (const newsdex::NotFoundError& e) {
    std::cerr << tool_name << ": error: " << e.what() << "\n";
    return kExitNotFound;
  } catch (const newsdex::Error& e) {
    std::cerr << tool_name << ": error: " << e.what() << "\n";
    return kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << tool_name << ": internal error: " << e.what() << "\n";
    return kExitFailure;
  }
}

std::string default_db_path() {
  const char* from_environment = std::getenv("NEWSDEX_DB");
  if (from_environment != nullptr && *from_environment != '\0') return from_environment;
  return "newsdex.db";
}

void add_db_option(boost::program_options::options_description& options, std::string& db_path) {
  options.add_options()(
      "db,d",
      boost::program_options::value<std::string>(&db_path)->default_value(default_db_path()),
      "index directory (default: $NEWSDEX_DB, else ./newsdex.db)");
}

std::optional<boost::program_options::variables_map> parse_command_line(
    int argc, char** argv, std::string_view tool_name,
    const boost::program_options::options_description& visible, std::string_view positional_name,
    const boost::program_options::value_semantic* positional) {
  namespace po = boost::program_options;
  po::options_description all;
  all.add(visible);
  // An empty positional description makes a stray word an error.
  po::positional_options_description words;
  if (positional != nullptr) {
    const std::string name(positional_name);
    po::options_description hidden;
    hidden.add_options()(name.c_str(), positional);  // takes ownership
    all.add(hidden);
    words.add(name.c_str(), -1);
  }
  po::variables_map vm;
  po::store(po::command_line_parser(argc, argv).options(all).positional(words).run(), vm);
  if (vm.count("help")) {
    std::cout << visible << "\n";
    return std::nullopt;
  }
  if (vm.count("version")) {
    print_version(tool_name);
    return std::nullopt;
  }
  po::notify(vm);
  return vm;
}

void print_version(std::string_view tool_name) {
  std::cout << tool_name << " " << newsdex::version() << "\n";
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }
bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace newsdex::cli
