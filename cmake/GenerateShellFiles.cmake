# Run at build time: asks the built apicat for its completion scripts and its man page.
# cmake -DAPICAT=path/to/apicat -DOUTPUT_DIR=folder -P GenerateShellFiles.cmake

file(MAKE_DIRECTORY ${OUTPUT_DIR})
foreach(pair "bash;apicat.bash" "zsh;_apicat" "fish;apicat.fish")
  list(GET pair 0 shell)
  list(GET pair 1 file)
  execute_process(COMMAND ${APICAT} completion ${shell} OUTPUT_FILE ${OUTPUT_DIR}/${file}
                  RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "apicat completion ${shell} failed: ${status}")
  endif()
endforeach()
execute_process(COMMAND ${APICAT} __man OUTPUT_FILE ${OUTPUT_DIR}/apicat.1 RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "apicat __man failed: ${status}")
endif()
