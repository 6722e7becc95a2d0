#!/usr/bin/env ruby
# frozen_string_literal: true
# Writes Rouge 3.30's token HTML (the body kramdown puts inside <code>) for each
# samples/<lang>.txt into samples/<lang>.html, <lang> being a Rouge lexer tag.
#   ruby make_rouge.rb [DIR]
require "rouge"
dir = ARGV[0] || __dir__
Dir[File.join(dir, "*.txt")].sort.each do |f|
  lang = File.basename(f, ".txt")
  lexer = Rouge::Lexer.find_fancy(lang) or abort "no Rouge lexer #{lang}"
  html = Rouge::Formatters::HTML.new.format(lexer.lex(File.read(f)))
  File.write(File.join(dir, "#{lang}.html"), html)
end
warn "rouge #{Rouge.version}"
