#!/usr/bin/env ruby
# frozen_string_literal: true

# Regenerates tests/liquid/liquid_spec.json: the portable Shopify/liquid-spec
# cases (suites basics and liquid_ruby, specs without `features:`) with
# Jekyll 4.3.1 + Liquid 4.0.4's answers from
# shared/conformance/liquid-spec-results/jekyll-4.3.1-liquid-4.0.4.json.
#
# Each case keeps its template, environment and partials (named as the oracle
# wrote them into `_includes`: `/` becomes `_`) and Jekyll's answer (`output`,
# or `error: true`). Where Jekyll + Liquid 4 fails on a template using a
# Liquid 5 tag (echo, liquid, render, #), the case also keeps Jekyll + Liquid
# 5.4's answer (`liquid5`), from jekyll-4.3.1-liquid-5.4.0.json, and the
# spec's own answer (`reference`: Shopify Liquid's, with a file system). Cases whose environment holds values JSON cannot carry
# (Ruby objects, dates, symbols, recursive or non-UTF-8 data, non-string keys)
# are left out and counted.
#
# Usage: tests/liquid/make_liquid_spec.rb [SHARED_CONFORMANCE_DIR]
require "json"
require "yaml"

here = __dir__
shared = ARGV[0] || File.join(here, "../../../shared/conformance")
specs_dir = File.join(shared, "liquid-spec/specs")
results = JSON.parse(File.read(File.join(shared, "liquid-spec-results/jekyll-4.3.1-liquid-4.0.4.json")))
liquid5 = JSON.parse(File.read(File.join(shared, "liquid-spec-results/jekyll-4.3.1-liquid-5.4.0.json")))
liquid5 = liquid5["results"].to_h { |r| [[r["suite"], r["file"], r["name"]], r] }
LIQUID5_TAG = /\{%-?\s*(?:echo|liquid|render|#)/.freeze

def answer(result)
  result["error"] ? { "error" => true } : { "output" => result["actual"] }
end

class NotJson < StandardError; end

def plain(value, depth = 0)
  raise NotJson if depth > 50

  case value
  when Hash
    value.each_with_object({}) do |(k, v), h|
      raise NotJson unless k.is_a?(String)

      h[k] = plain(v, depth + 1)
    end
  when Array then value.map { |v| plain(v, depth + 1) }
  when String
    raise NotJson unless value.dup.force_encoding("UTF-8").valid_encoding?

    value.dup.force_encoding("UTF-8")
  when Integer, TrueClass, FalseClass, NilClass then value
  when Float
    raise NotJson unless value.finite?

    value
  else raise NotJson
  end
end

loaded = {}
load_specs = lambda do |suite, file|
  doc = begin
    YAML.unsafe_load(File.read(File.join(specs_dir, suite, file)))
  rescue StandardError, Psych::Exception
    nil
  end
  specs = doc.is_a?(Hash) ? (doc["specs"] || []) : (doc || [])
  specs.select { |s| s.is_a?(Hash) && s["template"].is_a?(String) }.to_h { |s| [s["name"], s] }
end

cases = []
skipped = 0
results["results"].each do |r|
  next if r["status"] == "skipped_features"

  key = [r["suite"], r["file"]]
  loaded[key] ||= load_specs.call(*key)
  spec = loaded[key][r["name"]]
  begin
    raise NotJson unless spec

    env = plain(spec["environment"] || {})
    files = plain((spec["filesystem"] || {}).transform_keys(&:to_s).transform_values(&:to_s))
    files = files.transform_keys { |k| k.tr("/", "_") }
  rescue NotJson
    skipped += 1
    next
  end
  c = { "name" => "#{r['suite']}/#{r['file']}/#{r['name']}", "template" => r["template"] }
  c["environment"] = env unless env.empty?
  c["filesystem"] = files unless files.empty?
  c.merge!(answer(r))
  l5 = liquid5[[r["suite"], r["file"], r["name"]]]
  if r["error"] && l5 && r["template"].match?(LIQUID5_TAG)
    c["liquid5"] = answer(l5)
    c["reference"] = spec["errors"] ? { "error" => true } : { "output" => spec["expected"].to_s }
  end
  cases << c
end

doc = {
  "source" => "Shopify/liquid-spec @8a308cb (MIT), portable cases of basics + liquid_ruby; " \
              "answers = Jekyll 4.3.1 + Liquid 4.0.4 and, where it fails on a Liquid 5 tag, " \
              "Jekyll 4.3.1 + Liquid 5.4.0 (liquid5) (shared/conformance/liquid-spec-results); " \
              "made by tests/liquid/make_liquid_spec.rb; #{skipped} cases left out (environment not JSON)",
  "tests" => cases,
}
File.write(File.join(here, "liquid_spec.json"), "#{JSON.pretty_generate(doc)}\n")
warn "#{cases.size} cases, #{skipped} left out"
