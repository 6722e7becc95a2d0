#!/usr/bin/env ruby
# frozen_string_literal: true

# The Liquid benchmark's Ruby side (run by bench/liquid.sh): Jekyll's Liquid
# step on the benchmark page, in-process, with the oracle's JekyllOracle
# (shared/tools/oracle/jekyll_env.rb: Jekyll 4.3.1's payload, filters and
# tags; ORACLE_LIQUID=4 for Liquid 4.0.4), so that Ruby and Jekyll start-up
# is not counted. Each run parses and renders, as Jekyll does once per page.
#   ruby ruby_render.rb ORACLE_DIR SITE_DIR TEMPLATE PAGE.json OUT RUNS
# Prints "WALL CPU": the fastest run's seconds, wall-clock and on-CPU.
oracle_dir, site, template, data, out, runs = ARGV
require File.join(oracle_dir, "jekyll_env")

oracle = JekyllOracle.new(site)
page = JSON.parse(File.read(data))
source = File.read(template)
File.write(out, oracle.liquid(source, {}, :page => page))
times = Array.new(Integer(runs)) do
  wall = Process.clock_gettime(Process::CLOCK_MONOTONIC)
  cpu = Process.clock_gettime(Process::CLOCK_THREAD_CPUTIME_ID)
  oracle.liquid(source, {}, :page => page)
  [Process.clock_gettime(Process::CLOCK_MONOTONIC) - wall,
   Process.clock_gettime(Process::CLOCK_THREAD_CPUTIME_ID) - cpu]
end
warn "ruby: Jekyll #{Jekyll::VERSION}, Liquid #{Liquid::VERSION}"
puts format("%.6f %.6f", times.map(&:first).min, times.map(&:last).min)
