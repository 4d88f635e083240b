/*
 * Running totals on the delivered-session form (progressive enhancement): the totals by sex and by
 * age band update as the trainer types, and a mismatch is said at once. The server checks the same
 * rule on submit, with or without this script.
 */
(function () {
  'use strict';
  function group(name) {
    var box = document.querySelector('.count-grid[data-group="' + name + '"]');
    return box ? Array.prototype.slice.call(box.querySelectorAll('input.count')) : [];
  }
  var sex = group('sex');
  var age = group('age');
  var sexOut = document.getElementById('sex-total');
  var ageOut = document.getElementById('age-total');
  var mismatch = document.getElementById('age-mismatch');
  if (!sexOut || !ageOut || !mismatch) return;

  function sum(inputs) {
    return inputs.reduce(function (n, i) {
      var v = parseInt(i.value, 10);
      return n + (v > 0 ? v : 0);
    }, 0);
  }
  function update() {
    var s = sum(sex);
    var a = sum(age);
    sexOut.value = String(s);
    ageOut.value = String(a);
    var anyAge = age.some(function (i) {
      return i.value !== '';
    });
    mismatch.hidden = !anyAge || s === a;
  }
  sex.concat(age).forEach(function (i) {
    i.addEventListener('input', update);
  });
  update();
})();
