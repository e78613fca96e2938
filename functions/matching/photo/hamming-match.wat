;; Keypoint matching's inner loop in WebAssembly SIMD: the Hamming distance between every query and every candidate
;; keypoint (256-bit binary descriptors), keeping each query keypoint's best and second-best candidate and each
;; candidate keypoint's best query keypoint, for the ratio test and the cross-check done in verify.ts.
;; Built into hamming-match.wasm.ts by `node scripts/build-wasm.ts`; a unit test checks that the two agree.
(module
  (memory (export "memory") 1)
  ;; Query descriptors: `queryCount` × 32 bytes at `queries`; candidate descriptors: `candidateCount` × 32 bytes at
  ;; `candidates`. Writes per query keypoint three i32 at `rows` (best candidate, its distance, the second distance);
  ;; per candidate keypoint two i32 at `columns` (best query keypoint, its distance), which the caller sets to -1 and
  ;; 65535 first.
  (func (export "matchBothWays") (param $queries i32) (param $queryCount i32) (param $candidates i32) (param $candidateCount i32) (param $rows i32) (param $columns i32)
    (local $q i32) (local $c i32) (local $p i32) (local $column i32) (local $distance i32)
    (local $best i32) (local $second i32) (local $bestIndex i32)
    (local $qa v128) (local $qb v128) (local $bits v128)
    (local.set $q (i32.const 0))
    (block $rowsDone
      (loop $eachQuery
        (br_if $rowsDone (i32.ge_u (local.get $q) (local.get $queryCount)))
        (local.set $qa (v128.load (i32.add (local.get $queries) (i32.mul (local.get $q) (i32.const 32)))))
        (local.set $qb (v128.load offset=16 (i32.add (local.get $queries) (i32.mul (local.get $q) (i32.const 32)))))
        (local.set $best (i32.const 65535))
        (local.set $second (i32.const 65535))
        (local.set $bestIndex (i32.const -1))
        (local.set $c (i32.const 0))
        (local.set $p (local.get $candidates))
        (local.set $column (local.get $columns))
        (block $columnsDone
          (loop $eachCandidate
            (br_if $columnsDone (i32.ge_u (local.get $c) (local.get $candidateCount)))
            (local.set $bits
              (i32x4.extadd_pairwise_i16x8_u
                (i16x8.extadd_pairwise_i8x16_u
                  (i8x16.add
                    (i8x16.popcnt (v128.xor (local.get $qa) (v128.load (local.get $p))))
                    (i8x16.popcnt (v128.xor (local.get $qb) (v128.load offset=16 (local.get $p))))))))
            (local.set $distance
              (i32.add
                (i32.add (i32x4.extract_lane 0 (local.get $bits)) (i32x4.extract_lane 1 (local.get $bits)))
                (i32.add (i32x4.extract_lane 2 (local.get $bits)) (i32x4.extract_lane 3 (local.get $bits)))))
            (if (i32.lt_u (local.get $distance) (local.get $best))
              (then
                (local.set $second (local.get $best))
                (local.set $best (local.get $distance))
                (local.set $bestIndex (local.get $c)))
              (else
                (if (i32.lt_u (local.get $distance) (local.get $second))
                  (then (local.set $second (local.get $distance))))))
            (if (i32.lt_u (local.get $distance) (i32.load offset=4 (local.get $column)))
              (then
                (i32.store (local.get $column) (local.get $q))
                (i32.store offset=4 (local.get $column) (local.get $distance))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (local.set $p (i32.add (local.get $p) (i32.const 32)))
            (local.set $column (i32.add (local.get $column) (i32.const 8)))
            (br $eachCandidate)))
        (i32.store (local.get $rows) (local.get $bestIndex))
        (i32.store offset=4 (local.get $rows) (local.get $best))
        (i32.store offset=8 (local.get $rows) (local.get $second))
        (local.set $rows (i32.add (local.get $rows) (i32.const 12)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $eachQuery)))))
