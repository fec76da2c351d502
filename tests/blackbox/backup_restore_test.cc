// Online backup and restore with the real binaries (docs/backup.md):
// `qmsctl backup --to DIR` while the server serves, then a server started on
// the backup as its data dir has the same tickets, dossiers, audit trail and
// numbering as the server had at the backup, and nothing written after it.
#include <gmock/gmock.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/blackbox/blackbox_fixture.h"

namespace qms::blackbox {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class BackupRestoreTest : public BlackBoxTest {
 protected:
  json QmsctlJson(const std::vector<std::string>& args) {
    std::vector<std::string> full = {"--json"};
    full.insert(full.end(), args.begin(), args.end());
    CommandResult r = Qmsctl(full);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? json::parse(r.out) : json();
  }
  std::string AuditJson() {
    CommandResult r = Qmsctl({"audit", "--centre", "10001", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
};

TEST_F(BackupRestoreTest, ARestoredServerHasWhatTheBackupHeldAndNumbersOn) {
  ASSERT_EQ(Qmsctl({"open", "--centre", "10001", "--counter", "1", "--clerk", "nv01"}).exit_code, 0);
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(Qmsctl({"issue", "--centre", "10001", "--field", "chung_thuc"}).exit_code, 0);  // A001-A003
  ASSERT_EQ(Qmsctl({"call-next", "--centre", "10001", "--counter", "1"}).exit_code, 0);
  const json receipt = QmsctlJson({"dossier", "receive", "--centre", "10001", "--procedure", "2.000815",
                                   "--applicant", "Lê Văn C", "--clerk", "nv01"});
  const std::string code = receipt["dossier"]["code"];
  const json a001 = QmsctlJson({"ticket", "--centre", "10001", "A001"})["ticket"];
  const json a003 = QmsctlJson({"ticket", "--centre", "10001", "A003"})["ticket"];
  const json dossier = QmsctlJson({"dossier", "status", code})["dossier"];
  const std::string audit = AuditJson();
  ASSERT_THAT(audit, HasSubstr("ReceiveDossier"));

  const std::string backup = dir_.path() + "/backup";
  CommandResult r = Qmsctl({"backup", "--to", backup});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("queue:    " + backup + "/queue"));
  EXPECT_THAT(r.out, HasSubstr("deadline: " + backup + "/deadline"));
  // Never over an earlier backup, never a path the server would resolve
  // against its own working directory.
  r = Qmsctl({"backup", "--to", backup});
  EXPECT_EQ(r.exit_code, 4) << r.err;  // FAILED_PRECONDITION
  EXPECT_THAT(r.err, HasSubstr("is not empty"));
  EXPECT_EQ(Qmsctl({"backup", "--to", "relative/dir"}).exit_code, 5);  // INVALID_ARGUMENT

  // After the backup: not in it.
  ASSERT_EQ(Qmsctl({"issue", "--centre", "10001", "--field", "chung_thuc"}).exit_code, 0);  // A004
  server_->Kill();

  // The restore: the backup becomes the data dir.
  data_dir_ = backup;
  std::string error;
  ASSERT_TRUE(StartServer(&error)) << error;
  EXPECT_EQ(QmsctlJson({"ticket", "--centre", "10001", "A001"})["ticket"], a001);
  EXPECT_EQ(QmsctlJson({"ticket", "--centre", "10001", "A003"})["ticket"], a003);
  EXPECT_EQ(Qmsctl({"ticket", "--centre", "10001", "A004"}).exit_code, 3);  // NOT_FOUND
  EXPECT_EQ(QmsctlJson({"dossier", "status", code})["dossier"], dossier);
  EXPECT_EQ(AuditJson(), audit);
  // Numbering goes on from the backup: the next ticket and the next dossier.
  EXPECT_EQ(QmsctlJson({"issue", "--centre", "10001", "--field", "chung_thuc"})["ticket"]["number"], "A004");
  const json next = QmsctlJson({"dossier", "receive", "--centre", "10001", "--procedure", "2.000815",
                                "--applicant", "Trần Thị D", "--clerk", "nv01"});
  const std::string next_code = next["dossier"]["code"];
  ASSERT_EQ(next_code.size(), code.size());
  EXPECT_EQ(std::stoi(next_code.substr(next_code.size() - 4)), std::stoi(code.substr(code.size() - 4)) + 1);
}

}  // namespace
}  // namespace qms::blackbox
