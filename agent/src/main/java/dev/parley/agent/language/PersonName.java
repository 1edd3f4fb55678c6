package dev.parley.agent.language;

/**
 * A person's name said in text ("this is Maria", "my name is Dr. Chen").
 *
 * @param name the name without its title ("Chen")
 * @param title an honorific if one was said ("Dr."), else null
 * @param raw the fragment of the original text that was matched
 */
public record PersonName(String name, String title, String raw) {

  /** The name as one would address the person: "Dr. Chen", or "Maria". */
  public String display() {
    return title == null ? name : title + " " + name;
  }
}
