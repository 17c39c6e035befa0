"""Prints one closing line, 'N passed, N failed, N skipped', over every result file of a test run."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

results = sys.argv[1]
passed = failed = skipped = 0
for trx in glob.glob(os.path.join(results, "*.trx")):
    counters = ET.parse(trx).getroot().find(".//{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
for nunit in glob.glob(os.path.join(results, "*.xml")):
    run = ET.parse(nunit).getroot()
    passed += int(run.get("passed", 0))
    failed += int(run.get("failed", 0))
    skipped += int(run.get("skipped", 0)) + int(run.get("inconclusive", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
