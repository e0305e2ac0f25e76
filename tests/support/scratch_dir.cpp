#include "support/scratch_dir.hpp"

#include "util/text_file.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace apicat::test {

namespace fs = std::filesystem;

namespace {

fs::path temp_folder()
{
    const char* tmpdir = std::getenv("TMPDIR");
    return tmpdir != nullptr && *tmpdir != '\0' ? fs::path(tmpdir) : fs::path("/tmp");
}

} // namespace

// Canonical, so paths a test builds compare equal to the ones apicat prints even when the
// temporary folder is reached through a symlink.
ScratchDir::ScratchDir()
{
    std::string name = (temp_folder() / "apicat-test-XXXXXX").string();
    if (::mkdtemp(name.data()) == nullptr) {
        throw std::runtime_error("cannot create a scratch folder in '" + temp_folder().string() +
                                 "': " + std::strerror(errno));
    }
    path_ = fs::canonical(name);
}

ScratchDir::~ScratchDir()
{
    std::error_code ignored; // a destructor must not throw; a leftover folder is harmless
    fs::remove_all(path_, ignored);
}

fs::path ScratchDir::write(const std::string& name, std::string_view content) const
{
    const fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream stream(file, std::ios::binary | std::ios::trunc);
    stream.write(content.data(), static_cast<std::streamsize>(content.size()));
    stream.close();
    if (!stream) {
        throw std::runtime_error("cannot write '" + file.string() + "'");
    }
    return file;
}

std::string ScratchDir::read(const std::string& name) const
{
    return util::read_text_file(path_ / name);
}

std::string source_file(const std::string& relative)
{
    return util::read_text_file(fs::path(APICAT_SOURCE_DIR) / relative);
}

} // namespace apicat::test
