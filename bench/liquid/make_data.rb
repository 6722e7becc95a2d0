#!/usr/bin/env ruby
# frozen_string_literal: true

# Writes the benchmark's page data: {"posts": [2,000 posts]} (what templates see as
# `page`) as JSON,
# deterministic (no randomness), to the file named by ARGV[0].
require "json"

CATEGORIES = %w(news release tutorial opinion).freeze
TAGS = %w(rust jekyll liquid ruby web performance css html draft markdown).freeze
WORDS = %w(lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor).freeze

posts = (0...Integer(ARGV[1] || 2000)).map do |i|
  day = Time.utc(2015, 1, 1) + (i * 86_400 * 3) + ((i * 7919) % 86_400)
  text = Array.new(30) { |w| WORDS[(i + w * 5) % WORDS.size] }.join(" ")
  {
    "title" => "Post #{i}: #{WORDS[i % WORDS.size].capitalize} & <#{TAGS[i % TAGS.size]}>",
    "url" => "/#{day.strftime('%Y/%m/%d')}/post-#{i}.html",
    "date" => day.strftime("%Y-%m-%d %H:%M:%S +0000"),
    "category" => CATEGORIES[i % CATEGORIES.size],
    "tags" => [TAGS[i % TAGS.size], TAGS[(i * 3 + 1) % TAGS.size]].uniq,
    "featured" => (i % 5).zero?,
    "words" => (i * 37) % 1500,
    "excerpt" => "<p>#{text}</p>",
  }
end
File.write(ARGV.fetch(0), JSON.generate("posts" => posts))
