// Both test classes must have run, and passed (surefire's failIfNoTests alone would accept one of them missing).
def reports = new File(basedir, 'target/surefire-reports')
['com.example.GreetingFlowTest': 2, 'com.example.ClasspathTest': 3].each { name, expected ->
  def report = new File(reports, "TEST-${name}.xml")
  assert report.isFile() : "no surefire report for ${name}"
  def suite = (report.text =~ /<testsuite [^>]*>/)[0]
  def count = { attribute -> ((suite =~ /\b${attribute}="(\d+)"/)[0][1]) as int }
  assert count('tests') == expected : "${name}: ${count('tests')} tests run, ${expected} expected"
  assert count('failures') == 0 && count('errors') == 0 && count('skipped') == 0 : "${name}: ${suite}"
}
true
