package fixtures.sql;

public class UserBean {
    private String name;
    private int age;
    private String role = "user";

    public void setName(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setAge(int age) {
        this.age = age;
    }

    public int getAge() {
        return age;
    }

    public String describe() {
        return "user " + name;
    }
}
