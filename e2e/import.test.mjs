// End-to-end tests of CSV import through the real file input of both labs: labels −1/+1, files
// whose rows mostly cannot be read (refused, the data kept), quoted decimal commas, and the
// point count's singular.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useLab, sel, parsePoints, formatPoints, pollUntil, STEP_TIMEOUT } from "./helpers.mjs";

const T = { timeout: 120_000 };
const lab = useLab();

/** Overlapping classes, so every classification fit exists. */
const OVERLAP = [
  [-3, 0], [-2, 0], [-1, 0], [0.4, 0], [-0.3, 1], [1, 1], [2, 1], [3, 1],
];
const POINTS = [[0, 1], [1, 3], [2, 4], [3, 7], [4, 8]];
const BINARY = ["bce", "focal", "hinge"];

/** Picks a file named `name` holding `text` (a string, or a Buffer of raw bytes) in the lab's file input. */
async function importFile(app, name, text) {
  const buffer = Buffer.isBuffer(text) ? text : Buffer.from(text);
  await app.page.locator(sel("csv-file-input")).setInputFiles({ name, mimeType: "text/csv", buffer });
}

/** The text of the message `testid` (`input-error` or `input-note`) once it is about `name`. */
async function message(app, testid, name) {
  const locator = app.page.locator(`${sel(testid)} .notice-text`);
  let text = "";
  const ok = await pollUntil(async () => {
    text = await locator.innerText({ timeout: 100 }).catch(() => "");
    return text.startsWith(`“${name}”`);
  }, STEP_TIMEOUT);
  assert.ok(ok, `no ${testid} about ${name}; the last text was “${text}”`);
  return text;
}

async function binaryFits(app) {
  const fits = {};
  for (const loss of BINARY) {
    fits[loss] = [await app.value(`fit-${loss}-w`), await app.value(`fit-${loss}-b`), await app.value(`fit-${loss}-loss`)];
  }
  return fits;
}

test("classification: labels −1/+1 load as a two-class set, with the same fits as 0/1", T, async () => {
  const pm1 = "x,label\n-2,-1\n-1,-1\n0,1\n1,1\n2,-1\n";
  const expected = [[-2, 0], [-1, 0], [0, 1], [1, 1], [2, 0]];
  let reference;
  await lab.with({ hash: `#mode=classification&pts=${formatPoints(expected)}` }, async (app) => {
    reference = await binaryFits(app);
  });
  for (const fits of Object.values(reference)) assert.ok(fits.every(Number.isFinite), `reference fits ${fits}`);
  await lab.with({ hash: `#mode=classification&pts=${formatPoints(OVERLAP)}` }, async (app) => {
    await importFile(app, "pm1.csv", pm1);
    await app.waitValue("point-count", (n) => n === 5, "5 points");
    assert.equal(await app.page.locator(sel("point-count")).innerText(), "5 points: 3 with label 0, 2 with label 1");
    assert.equal(await message(app, "input-note", "pm1.csv"), "“pm1.csv”: Read 5 points from 5 rows, with label -1 read as 0.");
    assert.equal(await app.page.locator(sel("input-error")).count(), 0);
    assert.deepEqual(parsePoints((await app.hashParams()).get("pts")), expected);
    assert.deepEqual(await binaryFits(app), reference, "the same fits as the 0/1 file");
    // BCE and focal draw a boundary; on these points the best hinge line is flat (w = 0).
    for (const loss of ["bce", "focal"]) assert.ok(Number.isFinite(await app.value(`boundary-${loss}`)), `${loss} boundary`);
  });
});

test("classification: a file read mostly wrong is refused and the data kept", T, async () => {
  await lab.with({ hash: `#mode=classification&pts=${formatPoints(OVERLAP)}` }, async (app) => {
    const before = await binaryFits(app);
    const hash = await app.hash();
    for (const [name, text, expected] of [
      [
        "one-two.csv",
        "x,label\n-2,1\n-1,1\n0,2\n1,2\n2,1\n",
        "“one-two.csv” was not loaded: All 3 points read have the same label and 2 rows were skipped " +
          "(line 4: label “2” is not 0 or 1 (this lab compares two classes); " +
          "line 5: label “2” is not 0 or 1 (this lab compares two classes)).",
      ],
      [
        "regression.csv",
        "x,y\n0,1.5\n1,3\n2,1\n3,4.5\n",
        "“regression.csv” was not loaded: Only 1 of 4 rows could be read (line 2: label “1.5” is not 0 or 1; " +
          "line 3: label “3” is not 0 or 1 (this lab compares two classes); line 5: label “4.5” is not 0 or 1).",
      ],
    ]) {
      await importFile(app, name, text);
      assert.equal(await message(app, "input-error", name), expected, name);
      assert.equal(await app.value("point-count"), OVERLAP.length, `${name} must not replace the data`);
      assert.equal(await app.hash(), hash, `${name} must not change the link`);
      assert.deepEqual(await binaryFits(app), before, `${name} must not change the fits`);
      await app.page.locator(`${sel("input-error")} .dismiss`).click();
    }
  });
});

test("regression: a file read mostly wrong is refused; quoted decimal commas and a few bad rows load", T, async () => {
  await lab.with({ hash: `#pts=${formatPoints(POINTS)}` }, async (app) => {
    const slope = await app.value("fit-mse-slope");
    const hash = await app.hash();
    await importFile(app, "spaces.csv", "x,y\n1 000,2\n2,4\n");
    assert.equal(
      await message(app, "input-error", "spaces.csv"),
      "“spaces.csv” was not loaded: Only 1 of 2 rows could be read (line 2: “1 000” is not a number).",
    );
    assert.equal(await app.value("point-count"), POINTS.length);
    assert.equal(await app.value("fit-mse-slope"), slope);
    assert.equal(await app.hash(), hash);
    await app.page.locator(`${sel("input-error")} .dismiss`).click();

    await importFile(app, "thousands.csv", 'x,y\n"1,000","2,000"\n"2,000","4,100"\n');
    assert.match(await message(app, "input-error", "thousands.csv"), /^“thousands\.csv” was not loaded: None of the 2 rows could be read \(line 2: “1,000” is not a number \(write decimals with a point, without thousands separators\);/);
    assert.equal(await app.value("point-count"), POINTS.length);
    await app.page.locator(`${sel("input-error")} .dismiss`).click();

    // A European export: comma separators, decimal commas in quotes.
    await importFile(app, "euro.csv", 'x,y\n"1,5","2,3"\n"2,5","4,1"\n"3","6"\n');
    await app.waitValue("point-count", (n) => n === 3, "3 points");
    assert.equal(await message(app, "input-note", "euro.csv"), "“euro.csv”: Read 3 points from 3 rows, with decimal commas.");
    assert.deepEqual(parsePoints((await app.hashParams()).get("pts")), [[1.5, 2.3], [2.5, 4.1], [3, 6]]);

    // A few bad rows among many good ones: skipped and named, the rest loads.
    const good = Array.from({ length: 8 }, (_, i) => `${i},${2 * i}`).join("\n");
    await importFile(app, "mostly.csv", `x,y\n${good}\nabc,1\n9,NaN\n`);
    await app.waitValue("point-count", (n) => n === 8, "8 points");
    assert.equal(
      await message(app, "input-error", "mostly.csv"),
      "“mostly.csv”: Read 8 points from 10 rows; skipped 2 (line 10: “abc” is not a number; line 11: a missing value (“NaN”)).",
    );
    assert.equal(await app.value("fit-mse-slope"), 2);
  });
});

test("real exports: German thousands, R and pandas row numbers, labels as words, an image picked by mistake", T, async () => {
  // A review loaded each of these as wrong numbers without a word (or refused it with an
  // unhelpful reason) before the import's rules for them.
  await lab.with({ hash: `#pts=${formatPoints(POINTS)}` }, async (app) => {
    await importFile(app, "preise.csv", "Preis;Menge\n850;3,5\n950;3,9\n1.050;4,2\n1.200;4,8\n1.500;6,0\n");
    await app.waitValue("point-count", (n) => n === 5, "5 points");
    assert.equal(
      await message(app, "input-note", "preise.csv"),
      "“preise.csv”: Read 5 points from 5 rows, with decimal commas, with dots between thousands.",
    );
    assert.deepEqual(parsePoints((await app.hashParams()).get("pts")), [[850, 3.5], [950, 3.9], [1050, 4.2], [1200, 4.8], [1500, 6]]);

    // R's write.csv: the unnamed row-number column is passed over, and the message says so
    // as a warning (the columns were not named x and y).
    await importFile(app, "r.csv", '"","height","weight"\n"1",1.5,2.25\n"2",2,-3.1\n"3",3.25,4\n');
    await app.waitValue("point-count", (n) => n === 3, "3 points");
    assert.equal(
      await message(app, "input-error", "r.csv"),
      "“r.csv”: Read 3 points from 3 rows, using columns “height” and “weight” of 3 (the first numbers the rows).",
    );
    assert.deepEqual(parsePoints((await app.hashParams()).get("pts")), [[1.5, 2.25], [2, -3.1], [3.25, 4]]);

    // The lab's own saved picture, picked back in: said what it is, the points kept.
    await importFile(app, "losslab.png", Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]));
    assert.match(await message(app, "input-error", "losslab.png"), /PNG image, not a table of numbers/);
    assert.equal(await app.value("point-count"), 3);
  });
  await lab.with({ hash: `#mode=classification&pts=${formatPoints(OVERLAP)}` }, async (app) => {
    await importFile(app, "pets.csv", "weight,species\n4.1,dog\n3.2,cat\n5.0,dog\n2.9,cat\n3.5,dog\n4.4,cat\n");
    await app.waitValue("point-count", (n) => n === 6, "6 points");
    assert.equal(
      await message(app, "input-note", "pets.csv"),
      "“pets.csv”: Read 6 points from 6 rows, with “cat” read as 0 and “dog” as 1.",
    );
    assert.deepEqual(parsePoints((await app.hashParams()).get("pts")), [[4.1, 1], [3.2, 0], [5, 1], [2.9, 0], [3.5, 1], [4.4, 0]]);
  });
});

/** Puts `text` on the clipboard and presses Ctrl+V with the focus on nothing (or on `target`). */
async function paste(app, text, target) {
  await app.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(app.url).origin });
  await app.page.evaluate((text) => navigator.clipboard.writeText(text), text);
  if (target) await app.page.locator(target).focus();
  else await app.page.evaluate(() => document.activeElement?.blur());
  await app.page.keyboard.press("Control+V");
}

test("cells pasted with Ctrl+V load into the lab shown, undoably; a paste into a text field stays there", T, async () => {
  await lab.with({ hash: `#pts=${formatPoints(POINTS)}` }, async (app) => {
    // As a spreadsheet copies cells: tab-separated, with its header row.
    await paste(app, "height\tweight\n150\t50\n160\t56,5\n170\t66\n180\t80\n");
    await app.waitValue("point-count", (n) => n === 4, "the 4 pasted rows");
    assert.equal(await message(app, "input-note", "pasted cells"), "“pasted cells”: Read 4 points from 4 rows, with decimal commas. Ctrl+Z undoes it.");
    assert.deepEqual(parsePoints((await app.hashParams()).get("pts")), [[150, 50], [160, 56.5], [170, 66], [180, 80]]);
    assert.equal(await app.page.locator(".dataset").first().innerText(), "pasted cells");
    await app.page.keyboard.press("Control+Z");
    await app.waitValue("point-count", (n) => n === POINTS.length, "Undo brings the points before the paste back");
    // Text that is no table: refused, the points kept.
    await paste(app, "see you at 10");
    assert.match(await message(app, "input-error", "pasted cells"), /was not loaded/);
    assert.equal(await app.value("point-count"), POINTS.length);
    // One column copied from German Excel: refused, not read as pairs split at its commas.
    await paste(app, "Gewicht\r\n1,5\r\n2,25\r\n3,75\r\n");
    assert.match(await message(app, "input-error", "pasted cells"), /one column \(“Gewicht”; its commas read as decimal commas\)/);
    assert.equal(await app.value("point-count"), POINTS.length);
    // A link is no table, and the message speaks of text, not of a file.
    await paste(app, "https://example.org/data");
    assert.doesNotMatch(await message(app, "input-error", "pasted cells"), /file/);
    await paste(app, "   ");
    await pollUntil(async () => /Nothing to paste/.test(await app.page.locator(sel("input-error")).innerText().catch(() => "")));
    // A text field (a course page's own, or one the app may get) keeps its paste.
    await app.page.evaluate(() => {
      const field = Object.assign(document.createElement("input"), { type: "text", id: "own-field" });
      document.body.prepend(field);
    });
    await paste(app, "1\t2\n3\t4\n5\t6\n", "#own-field");
    await pollUntil(async () => (await app.page.locator("#own-field").inputValue()).length > 0);
    assert.equal(await app.value("point-count"), POINTS.length, "a paste into a text field loaded points");
  });
  await lab.with({ hash: `#pts=${formatPoints(POINTS)}` }, async (app) => {
    // A spreadsheet's copy holds a picture of the cells beside their text: the text is read.
    const pasteData = (text, file) =>
      app.page.evaluate(([text, file]) => {
        const data = new DataTransfer();
        if (text) data.setData("text/plain", text);
        if (file) data.items.add(new File([file.body], file.name, { type: file.type }));
        document.body.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      }, [text, file]);
    const png = { name: "image.png", type: "image/png", body: "\u0089PNG\r\n\u001a\n-pixels-" };
    await pasteData("x\ty\n1\t2\n2\t4\n3\t5\n", png);
    await app.waitValue("point-count", (n) => n === 3, "the pasted text's 3 points, not the picture");
    assert.match(await message(app, "input-note", "pasted cells"), /Read 3 points from 3 rows/);
    // A file pasted from a file manager (no text) is imported.
    await pasteData("", { name: "week3.csv", type: "text/csv", body: "x,y\n0,1\n1,2\n2,2\n3,5\n" });
    await app.waitValue("point-count", (n) => n === 4, "the pasted file's 4 points");
    assert.match(await message(app, "input-note", "week3.csv"), /Read 4 points from 4 rows/);
  });
  await lab.with({ hash: `#mode=classification&pts=${formatPoints(OVERLAP)}` }, async (app) => {
    await paste(app, "x\tlabel\n-2\t0\n-1\t0\n1\t1\n2\t1\n0.5\t0\n");
    await app.waitValue("point-count", (n) => n === 5, "the 5 pasted rows");
    assert.equal(await message(app, "input-note", "pasted cells"), "“pasted cells”: Read 5 points from 5 rows. Ctrl+Z undoes it.");
    assert.deepEqual(parsePoints((await app.hashParams()).get("pts")), [[-2, 0], [-1, 0], [1, 1], [2, 1], [0.5, 0]]);
    // A second paste is another data set, named apart (the first's fits are not drawn over it).
    await paste(app, "x\tlabel\n-2\t0\n-1\t1\n1\t0\n2\t1\n");
    await app.waitValue("point-count", (n) => n === 4, "the second paste's 4 points");
    assert.equal(await app.page.locator(".dataset").first().innerText(), "pasted cells (2)");
    // The same cells again change nothing, and the report does not offer an undo.
    await paste(app, "x\tlabel\n-2\t0\n-1\t1\n1\t0\n2\t1\n");
    const note = `${sel("input-note")} .notice-text`;
    await pollUntil(async () => /nothing changed/.test(await app.page.locator(note).innerText().catch(() => "")));
    assert.equal(
      await app.page.locator(note).innerText(),
      "“pasted cells”: Read 4 points from 4 rows. These are the points shown already: nothing changed.",
    );
    assert.equal(await app.page.locator(".dataset").first().innerText(), "pasted cells (2)");
    await app.page.keyboard.press("Control+Z");
    await app.waitValue("point-count", (n) => n === 5, "Undo takes back the second paste");
  });
  await lab.with({ hash: "#mode=article" }, async (app) => {
    await paste(app, "1\t2\n3\t4\n");
    await pollUntil(async () => /Pasted data go into a lab/.test(await app.page.locator(sel("input-note")).innerText().catch(() => "")));
  });
});

test("one point is “1 point”", T, async () => {
  await lab.with({ hash: "#mode=classification&pts=0.5,1" }, async (app) => {
    assert.equal(await app.page.locator(sel("point-count")).innerText(), "1 point: 0 with label 0, 1 with label 1");
  });
  await lab.with({ hash: "#pts=0.5,1" }, async (app) => {
    assert.equal(await app.page.locator(sel("point-count")).innerText(), "1 point");
  });
});
