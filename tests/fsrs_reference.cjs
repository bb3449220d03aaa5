// The reference schedule: ts-fsrs (the version vendored for the site, from tests/node_modules)
// with the site's parameters. Input (argv[2], JSON): [{"time": ms, "rating": 1-4}, ...].
// Output: the card after each review, as JSON.
"use strict";
const { fsrs, generatorParameters, createEmptyCard } = require("ts-fsrs");

const scheduler = fsrs(generatorParameters({ enable_short_term: false, maximum_interval: 180 }));
const steps = JSON.parse(process.argv[2]);
let card = createEmptyCard(new Date(steps[0].time));
const cards = steps.map((step) => {
  card = scheduler.next(card, new Date(step.time), step.rating).card;
  return card;
});
process.stdout.write(JSON.stringify(cards));
