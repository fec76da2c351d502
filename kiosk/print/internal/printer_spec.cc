#include "kiosk/print/internal/printer_spec.h"

#include <sys/stat.h>

#include <cctype>

namespace qms::print::internal {
namespace {

Status Bad(const std::string& spec, const std::string& problem) {
  return InvalidArgument("printer spec '" + spec + "': " + problem);
}

StatusOr<PrinterSpec> ParseFile(const std::string& spec, const std::string& path) {
  if (path.empty()) return Bad(spec, "file: needs a path (file:/var/spool/qms/ or file:/tmp/tickets.escpos)");
  PrinterSpec out;
  out.path = path;
  struct stat st;
  const bool is_dir = path.back() == '/' || (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode));
  out.kind = is_dir ? PrinterSpec::Kind::kFileDirectory : PrinterSpec::Kind::kFileAppend;
  return out;
}

StatusOr<PrinterSpec> ParseTcp(const std::string& spec, const std::string& rest) {
  std::string host, port;
  if (!rest.empty() && rest[0] == '[') {
    const size_t close = rest.find(']');
    if (close == std::string::npos || close + 1 >= rest.size() || rest[close + 1] != ':') {
      return Bad(spec, "tcp: expects [IPV6]:PORT, e.g. tcp:[fd00::5]:9100");
    }
    host = rest.substr(1, close - 1);
    port = rest.substr(close + 2);
  } else {
    const size_t colon = rest.rfind(':');
    if (colon == std::string::npos) return Bad(spec, "tcp: expects HOST:PORT, e.g. tcp:192.168.1.50:9100");
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
    if (host.find(':') != std::string::npos)
      return Bad(spec, "an IPv6 host goes in brackets: tcp:[fd00::5]:9100");
  }
  if (host.empty()) return Bad(spec, "tcp: the host is empty");
  if (port.empty() || port.size() > 5) return Bad(spec, "tcp: the port must be a number from 1 to 65535");
  int value = 0;
  for (char c : port) {
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return Bad(spec, "tcp: the port '" + port + "' is not a number");
    value = value * 10 + (c - '0');
  }
  if (value < 1 || value > 65535) return Bad(spec, "tcp: the port must be a number from 1 to 65535");
  PrinterSpec out;
  out.kind = PrinterSpec::Kind::kTcp;
  out.host = host;
  out.port = value;
  return out;
}

StatusOr<PrinterSpec> ParseDevice(const std::string& spec, const std::string& path) {
  if (path.empty() || path[0] != '/')
    return Bad(spec, "dev: needs an absolute device path, e.g. dev:/dev/usb/lp0");
  PrinterSpec out;
  out.kind = PrinterSpec::Kind::kDevice;
  out.path = path;
  return out;
}

StatusOr<PrinterSpec> ParseLp(const std::string& spec, const std::string& name) {
  if (name.empty()) return Bad(spec, "lp: needs a CUPS queue name, e.g. lp:Thermal80");
  if (name[0] == '-') return Bad(spec, "lp: a queue name cannot start with '-'");
  for (char c : name) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
                    c == '@' || c == '/';
    if (!ok) return Bad(spec, "lp: a queue name has letters, digits and _-.@/ only");
  }
  PrinterSpec out;
  out.kind = PrinterSpec::Kind::kLp;
  out.name = name;
  return out;
}

}  // namespace

StatusOr<PrinterSpec> ParsePrinterSpec(const std::string& spec) {
  const size_t colon = spec.find(':');
  if (spec.empty()) return Bad(spec, "empty; expected file:PATH, tcp:HOST:PORT, dev:PATH or lp:NAME");
  if (colon == std::string::npos) {
    return Bad(spec, "no kind; expected file:PATH, tcp:HOST:PORT, dev:PATH or lp:NAME");
  }
  const std::string kind = spec.substr(0, colon);
  const std::string rest = spec.substr(colon + 1);
  if (kind == "file") return ParseFile(spec, rest);
  if (kind == "tcp") return ParseTcp(spec, rest);
  if (kind == "dev") return ParseDevice(spec, rest);
  if (kind == "lp") return ParseLp(spec, rest);
  return Bad(spec, "unknown kind '" + kind + "'; expected file:, tcp:, dev: or lp:");
}

}  // namespace qms::print::internal
