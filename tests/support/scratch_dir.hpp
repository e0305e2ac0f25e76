#pragma once

// Throwaway folders for tests that touch files, and the project's own files as test data.

#include <filesystem>
#include <string>
#include <string_view>

namespace apicat::test {

// A fresh folder under $TMPDIR (or /tmp) named apicat-test-XXXXXX, removed with everything in
// it when the ScratchDir goes.
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

    // Writes `content` exactly to `name` (relative; missing folders are made); its full path.
    std::filesystem::path write(const std::string& name, std::string_view content) const;

    // The content of `name`, relative to the folder.
    std::string read(const std::string& name) const;

private:
    std::filesystem::path path_;
};

// The content of a file in the source tree (APICAT_SOURCE_DIR), e.g. "specs/petstore.yaml".
std::string source_file(const std::string& relative);

} // namespace apicat::test
